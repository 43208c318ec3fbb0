using System.Diagnostics;

namespace Hnv.Linux.Links;

/// <summary>
/// Runs iproute2's tools as processes: control-path configuration (a few calls when a port or lab is set up,
/// never per packet), far less code than netlink.
/// </summary>
internal static class ToolCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="program"/> (<c>ip</c> or <c>tc</c>, which both take <c>-n namespace</c> first) with
    /// <paramref name="input"/> on stdin when given; returns stdout. Without input a non-zero exit throws
    /// <see cref="LinuxException"/> with stderr; with input (a batch) the caller reads what succeeded.
    /// </summary>
    internal static string Run(string program, string? networkNamespace, string? input, params ReadOnlySpan<string> arguments)
    {
        var start = new ProcessStartInfo(program)
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

        var commandLine = program + " " + string.Join(' ', start.ArgumentList);
        using var process = Process.Start(start) ?? throw new LinuxException(commandLine, $"could not start {program}", IoError.Other);
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
