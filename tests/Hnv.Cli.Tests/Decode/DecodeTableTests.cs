namespace Hnv.Cli.Tests.Decode;

[Trait("tier", "pure")]
public sealed class DecodeTableTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _capture;

    public DecodeTableTests()
    {
        _capture = _dir.File("sample.pcap");
        SampleCapture.Write(_capture);
    }

    public static TheoryData<int> Frames() => [.. SampleCapture.Numbered.Select(n => n.Frame)];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Decode_DefaultOutput_IsPlainTableWhenRedirected()
    {
        var result = CliRunner.Run("decode", _capture);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.DoesNotContain('\u001b', result.Output); // no ANSI escape sequences
        Assert.True(result.Output.All(char.IsAscii), "plain output must be ASCII (no box drawing)");
        foreach (var header in new[] { "#", "outer src -> dst", "VSID", "FlowID", "inner src -> dst", "protocol", "ports", "error" })
        {
            Assert.Contains(header, result.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Decode_EachPacket_HasItsRow(int frame)
    {
        var want = SampleCapture.Cases[frame - 1].Expected;
        var output = CliRunner.Run("decode", _capture, "--output", "table").Output;

        var row = Row(output, frame);
        if (want.OuterSrc is not null)
        {
            Assert.Contains($"{want.OuterSrc} -> {want.OuterDst}", row, StringComparison.Ordinal);
        }

        if (want.Vsid is { } vsid)
        {
            Assert.Contains($" {vsid} ", row, StringComparison.Ordinal);
        }

        if (want.InnerSrc is not null)
        {
            Assert.Contains($"{want.InnerSrc} -> {want.InnerDst}", row, StringComparison.Ordinal);
        }

        if (want.InnerProtocol is not null)
        {
            Assert.Contains($" {want.InnerProtocol} ", row, StringComparison.Ordinal);
        }

        if (want.SrcPort is { } srcPort)
        {
            Assert.Contains($"{srcPort} -> {want.DstPort}", row, StringComparison.Ordinal);
        }

        if (want.Error is not null)
        {
            Assert.Contains(want.Error, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_ArpFrame_RowShowsMacsAndArp()
    {
        var output = CliRunner.Run("decode", _capture).Output;

        var row = Row(output, SampleCapture.Cases.Count);
        Assert.Contains("02:00:5e:00:00:0a -> ff:ff:ff:ff:ff:ff", row, StringComparison.Ordinal);
        Assert.Contains(" arp ", row, StringComparison.Ordinal);
        Assert.Contains("NonIp", row, StringComparison.Ordinal);
    }

    /// <summary>The table line whose first cell is <paramref name="frame"/>.</summary>
    private static string Row(string table, int frame)
    {
        var lines = table.Split('\n').Where(l => l.TrimStart('|', ' ').StartsWith($"{frame} ", StringComparison.Ordinal)).ToList();
        return Assert.Single(lines);
    }
}
