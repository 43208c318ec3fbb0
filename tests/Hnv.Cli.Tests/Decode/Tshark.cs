using System.Diagnostics;

namespace Hnv.Cli.Tests.Decode;

/// <summary>Runs tshark, the oracle no one here wrote, and returns its field output line by line.</summary>
internal static class Tshark
{
    public const string Path = "/usr/bin/tshark";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>tshark -r capture -T fields -e f1 -e f2 ... -E separator=, -E occurrence=a</c>; the fields of each
    /// frame, each field's occurrences split (aggregated with ';' so they cannot be confused with the separator).
    /// </summary>
    public static List<string[][]> Fields(string capture, params string[] fields)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install tshark (the decode oracle tests are never skipped)");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-n", "-r", capture, "-T", "fields" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var field in fields)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(field);
        }

        foreach (var option in new[] { "separator=,", "occurrence=a", "aggregator=;" })
        {
            start.ArgumentList.Add("-E");
            start.ArgumentList.Add(option);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tshark did not finish within {Timeout}");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tshark exited with {process.ExitCode}: {stderr.Result}");
        return [.. stdout.Result
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(field => field.Length == 0 ? Array.Empty<string>() : field.Split(';')).ToArray())];
    }
}
