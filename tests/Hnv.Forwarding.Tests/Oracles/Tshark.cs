using System.Diagnostics;

namespace Hnv.Forwarding.Tests.Oracles;

/// <summary>Runs tshark (Debian's package, installed by the test command) on a capture and returns its field rows.</summary>
public static class Tshark
{
    public const string Path = "/usr/bin/tshark";

    /// <summary>One row per packet, one string per field; multiple occurrences joined with ';'.</summary>
    public static IReadOnlyList<string[]> Fields(string pcap, params string[] fields)
    {
        Assert.True(File.Exists(Path), "tshark is missing: the README's test command installs it (apt-get install tshark)");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-r", pcap, "-n", "-T", "fields", "-E", "separator=,", "-E", "occurrence=a", "-E", "aggregator=;",
                     "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var field in fields)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(field);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "tshark did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"tshark failed: {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
    }
}
