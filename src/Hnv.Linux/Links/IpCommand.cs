using System.Diagnostics;

namespace Hnv.Linux.Links;

/// <summary>
/// Runs iproute2's <c>ip</c>. Link and namespace configuration is the control path (a few calls when a port or
/// lab is set up, never per packet), so a process per call is fine and far less code than netlink; the
/// packet path uses the descriptors in Tap and Sockets only.
/// </summary>
internal static class IpCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs <c>ip [-n ns] args</c>; returns stdout, throws <see cref="LinuxException"/> with stderr.</summary>
    internal static string Run(string? networkNamespace, params ReadOnlySpan<string> arguments)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(networkNamespace);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = "ip " + string.Join(' ', start.ArgumentList);
        using var process = Process.Start(start) ?? throw new LinuxException(commandLine, "could not start ip", IoError.Other);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new LinuxException(commandLine, $"timed out after {Timeout.TotalSeconds} s", IoError.Other);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var message = stderr.Result.Trim();
            throw new LinuxException(commandLine, message.Length == 0 ? $"exit code {process.ExitCode}" : message, IoError.Other);
        }

        return stdout.Result;
    }
}
