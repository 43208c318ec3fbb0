using System.Diagnostics;

namespace Hnv.Dataplane.Linux.Tests.Support;

/// <summary>Runs a tool (ip, ethtool, iperf3 ...) for a test's setup or checks; a non-zero exit fails the test with its stderr.</summary>
internal static class Tool
{
    public static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error.Result}");
        return output;
    }
}
