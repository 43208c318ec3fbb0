using System.Diagnostics;

namespace Hnv.EndToEnd.Tests;

/// <summary>Runs a real tool (ping, iperf3, dig, tshark, ip) with an argument list and a time limit.</summary>
public static class Tool
{
    /// <summary>Runs and waits; the result has the exit code and both outputs.</summary>
    public static ToolResult Run(TimeSpan timeout, params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ToolResult(-1, stdout.Result, $"timed out after {timeout.TotalSeconds} s: {string.Join(' ', command)}\n{stderr.Result}");
        }

        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a long-running tool (a server, a capture); the caller stops it.</summary>
    public static Process Start(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Waits until a tshark started with <see cref="Start"/> says "Capturing on" (on a loaded machine it may take
    /// seconds to open the interface; a fixed sleep then loses the first packets).
    /// </summary>
    public static void WaitForCapture(Process tshark)
    {
        var ready = Task.Run(() =>
        {
            while (tshark.StandardError.ReadLine() is { } line)
            {
                if (line.Contains("Capturing on", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        });
        Assert.True(ready.Wait(TimeSpan.FromSeconds(20)) && ready.Result, "tshark did not start capturing");
    }
}

/// <summary>What a tool did.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
