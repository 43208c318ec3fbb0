using Hnv.Linux.Threads;

namespace Hnv.Linux.Tests.Threads;

[Trait("tier", "system")]
public sealed class CpuAffinityTests
{
    [Fact]
    public void PinCurrentThread_EachCpu_OnlyThatThreadMayRunThereafter()
    {
        var process = AllowedCpus("/proc/self/status");
        foreach (var cpu in new[] { 0, Environment.ProcessorCount - 1 }.Distinct())
        {
            string? pinned = null;
            var thread = new Thread(() =>
            {
                CpuAffinity.PinCurrentThread(cpu);
                pinned = AllowedCpus("/proc/thread-self/status");
            });
            thread.Start();
            thread.Join();

            Assert.Equal(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), pinned);
        }

        Assert.Equal(process, AllowedCpus("/proc/self/status")); // the process, and this thread, keep every CPU
    }

    [Fact]
    public void PinCurrentThread_ACpuThisMachineLacks_ThrowsNamingIt()
    {
        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(() => CpuAffinity.PinCurrentThread(CpuAffinity.MaxCpu)));
        thread.Start();
        thread.Join();

        var e = Assert.IsType<LinuxException>(failure);
        Assert.Contains($"CPU {CpuAffinity.MaxCpu}", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuAffinity.PinCurrentThread(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuAffinity.PinCurrentThread(CpuAffinity.MaxCpu + 1));
    }

    private static string AllowedCpus(string status) =>
        File.ReadLines(status).Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();
}
