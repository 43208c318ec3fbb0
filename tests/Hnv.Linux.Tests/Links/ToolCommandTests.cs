using System.Diagnostics;
using Hnv.Linux.Links;

namespace Hnv.Linux.Tests.Links;

/// <summary>The one process runner (iproute2 for ports, every program the lab runs), on real processes.</summary>
[Trait("tier", "system")]
public sealed class ToolCommandTests
{
    [Fact]
    public void TryRun_Success_ReturnsStdout()
    {
        Assert.True(ToolCommand.TryRun("ip", ["-V"], out var output, out _));
        Assert.Contains("iproute2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRun_NonZeroExit_ReturnsFalseWithStderr()
    {
        Assert.False(ToolCommand.TryRun("ip", ["link", "show", "dev", "hnv-no-such-link"], out _, out var error));
        Assert.Contains("hnv-no-such-link", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRun_ProgramNotInstalled_SaysSoInsteadOfThrowing()
    {
        Assert.False(ToolCommand.TryRun("hnv-no-such-program", [], out _, out var error));
        Assert.Contains("cannot start 'hnv-no-such-program'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRun_Input_ReachesStdinAndIsClosed()
    {
        Assert.True(ToolCommand.TryRun("cat", [], out var output, out _, input: "batch\n"));
        Assert.Equal("batch\n", output);
    }

    [Fact]
    public void TryRun_NoInput_StdinIsClosedSoAReaderEnds()
    {
        Assert.True(ToolCommand.TryRun("cat", [], out var output, out _, timeout: TimeSpan.FromSeconds(5)));
        Assert.Empty(output);
    }

    [Fact]
    public void TryRun_OverTime_KillsTheWholeTreeAndSaysSo()
    {
        var clock = Stopwatch.StartNew();

        Assert.False(ToolCommand.TryRun("sh", ["-c", "sleep 30 & sleep 30"], out _, out var error, timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Contains("timed out", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void TryRun_ProgramExitsWithoutReadingItsInput_NoThrowNoHang()
    {
        var clock = Stopwatch.StartNew();

        Assert.True(ToolCommand.TryRun("true", [], out _, out _, input: new string('x', 1 << 20), timeout: TimeSpan.FromSeconds(5)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void TryRun_ChildLeftHoldingStdout_TheTimeLimitStillHolds()
    {
        var clock = Stopwatch.StartNew();

        Assert.False(ToolCommand.TryRun("sh", ["-c", "sleep 3 &"], out _, out var error, timeout: TimeSpan.FromMilliseconds(500)));

        Assert.Contains("timed out", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
