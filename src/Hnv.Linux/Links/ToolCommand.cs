using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Hnv.Linux.Links;

/// <summary>
/// Runs a program (iproute2's <c>ip</c> and <c>tc</c>, the lab's helpers) as a process for control-path work, never
/// per packet: arguments as a list (never a shell string), stdin given or closed, stdout and stderr captured, a time
/// limit after which the whole process tree is killed.
/// </summary>
public static class ToolCommand
{
    /// <summary>The time limit of one command unless the caller gives another.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="program"/>; true on exit 0. Otherwise <paramref name="error"/> holds its stderr, or why it
    /// did not run or finish (not installed, timed out).
    /// </summary>
    public static bool TryRun(string program, IReadOnlyList<string> arguments, out string output, out string error, string? input = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (exitCode, stdout, stderr) = Execute(program, arguments, input, timeout ?? DefaultTimeout);
        output = stdout;
        error = stderr;
        return exitCode == 0;
    }

    /// <summary>
    /// Runs <paramref name="program"/> (<c>ip</c> or <c>tc</c>, which both take <c>-n namespace</c> first) with
    /// <paramref name="input"/> on stdin when given; returns stdout. Without input a non-zero exit throws
    /// <see cref="LinuxException"/> with stderr; with input (a batch) the caller reads what succeeded.
    /// </summary>
    internal static string Run(string program, string? networkNamespace, string? input, params ReadOnlySpan<string> arguments)
    {
        var list = new List<string>(arguments.Length + 2);
        if (networkNamespace is not null)
        {
            list.Add("-n");
            list.Add(networkNamespace);
        }

        list.AddRange(arguments);
        var (exitCode, stdout, stderr) = Execute(program, list, input, DefaultTimeout);
        if (exitCode is null || (exitCode != 0 && input is null))
        {
            var message = stderr.Trim();
            throw new LinuxException($"{program} {string.Join(' ', list)}", message.Length == 0 ? $"exit code {exitCode}" : message, IoError.Other);
        }

        return stdout;
    }

    /// <summary>The exit code (null when the program did not start or finish), stdout and stderr (or why not).</summary>
    private static (int? ExitCode, string Output, string Error) Execute(string program, IReadOnlyList<string> arguments, string? input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return (null, string.Empty, $"cannot start '{program}': {e.Message} (is it installed and on PATH?)");
        }

        using var process = started ?? throw new LinuxException(program, $"could not start {program}", IoError.Other);
        var deadline = Stopwatch.StartNew();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var fed = FeedAsync(process.StandardInput, input);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (null, string.Empty, TimedOut(timeout));
        }

        // A child it started may still hold stdout open; the time limit covers reading to the end too.
        var left = timeout - deadline.Elapsed;
        if (!Task.WaitAll([stdout, stderr, fed], left > TimeSpan.Zero ? left : TimeSpan.Zero))
        {
            return (null, string.Empty, TimedOut(timeout));
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Writes the input (if any) and closes stdin; a program that exits without reading it is not an error here.</summary>
    private static async Task FeedAsync(StreamWriter stdin, string? input)
    {
        try
        {
            if (input is not null)
            {
                await stdin.WriteAsync(input).ConfigureAwait(false);
                await stdin.FlushAsync().ConfigureAwait(false);
            }

            stdin.Close();
        }
        catch (IOException)
        {
            // Broken pipe: its exit code and stderr say what happened.
        }
    }

    private static string TimedOut(TimeSpan timeout) => string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.#} s");
}
