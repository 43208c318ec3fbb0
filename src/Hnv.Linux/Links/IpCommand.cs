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
    internal static string Run(string? networkNamespace, params ReadOnlySpan<string> arguments) => Run(networkNamespace, null, arguments);

    /// <summary>
    /// Runs many commands in one process (<c>ip -j -force -batch -</c>, one command per line of
    /// <paramref name="commands"/>): one JSON document per line of output, in order, and none for a command that
    /// failed (-force goes on after it, and the exit code is not an error here). For lookups repeated for many
    /// addresses: one process instead of one each.
    /// </summary>
    internal static string RunBatch(string? networkNamespace, string commands) => Run(networkNamespace, commands, "-j", "-force", "-batch", "-");

    private static string Run(string? networkNamespace, string? input, params ReadOnlySpan<string> arguments)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
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
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new LinuxException(commandLine, $"timed out after {Timeout.TotalSeconds} s", IoError.Other);
        }

        process.WaitForExit();
        if (process.ExitCode != 0 && input is null)
        {
            var message = stderr.Result.Trim();
            throw new LinuxException(commandLine, message.Length == 0 ? $"exit code {process.ExitCode}" : message, IoError.Other);
        }

        return stdout.Result;
    }
}
