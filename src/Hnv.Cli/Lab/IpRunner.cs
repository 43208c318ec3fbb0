using System.Diagnostics;
using System.Globalization;

namespace Hnv.Cli.Lab;

/// <summary>
/// Runs iproute2 (<c>ip</c>) and the few other programs the lab needs: arguments as a list (never a shell
/// string), stdout and stderr captured, a time limit. A failure becomes a <see cref="LabException"/> naming the
/// command and quoting its stderr.
/// </summary>
internal sealed class IpRunner
{
    /// <summary>The time limit of one command.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly TimeSpan _timeout;

    public IpRunner(TimeSpan? timeout = null) => _timeout = timeout ?? DefaultTimeout;

    /// <summary>Runs <c>ip ARGS</c>; returns stdout, throws with stderr on a non-zero exit.</summary>
    public string Ip(params string[] args) => Run("ip", args);

    /// <summary>Runs <c>ip ARGS</c>; true on exit 0. For probes (does this link exist yet?) and best-effort teardown.</summary>
    public bool TryIp(params string[] args) => TryRun("ip", args, out _, out _);

    /// <summary>Runs <paramref name="file"/>; returns stdout, throws with stderr on a non-zero exit.</summary>
    public string Run(string file, IReadOnlyList<string> args)
    {
        if (!TryRun(file, args, out var output, out var error))
        {
            throw new LabException($"'{Describe(file, args)}' failed: {error.Trim()}");
        }

        return output;
    }

    /// <summary>Runs <paramref name="file"/>; false (with its stderr, or why it could not run) on a non-zero exit or timeout.</summary>
    public bool TryRun(string file, IReadOnlyList<string> args, out string output, out string error)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            output = string.Empty;
            error = $"cannot start '{file}': {e.Message} (is it installed and on PATH?)";
            return false;
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                output = string.Empty;
                error = string.Create(CultureInfo.InvariantCulture, $"timed out after {_timeout.TotalSeconds:0} s");
                return false;
            }

            output = stdout.GetAwaiter().GetResult();
            error = stderr.GetAwaiter().GetResult();
            return process.ExitCode == 0;
        }
    }

    /// <summary>The names of every network namespace (`ip netns list`, without the "(id: N)" suffix).</summary>
    public List<string> Namespaces()
    {
        var names = new List<string>();
        foreach (var line in Ip("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            names.Add(space < 0 ? line : line[..space]);
        }

        return names;
    }

    /// <summary>The namespaces of lab <paramref name="lab"/>: every name with its prefix.</summary>
    public List<string> NamespacesOf(string lab) =>
        Namespaces().FindAll(n => n.StartsWith(LabNames.Prefix(lab), StringComparison.Ordinal));

    private static string Describe(string file, IReadOnlyList<string> args) => $"{file} {string.Join(' ', args)}";
}
