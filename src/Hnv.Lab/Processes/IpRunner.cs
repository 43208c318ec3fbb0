using Hnv.Lab.Topology;
using Hnv.Linux.Links;

namespace Hnv.Lab.Processes;

/// <summary>
/// The lab's commands (iproute2's <c>ip</c> and the few other programs it needs) through Hnv.Linux's
/// <see cref="ToolCommand"/>, with the lab's time limit; a failure becomes a <see cref="LabException"/> naming the
/// command and quoting its stderr.
/// </summary>
internal sealed class IpRunner(TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? ToolCommand.DefaultTimeout;

    /// <summary>Runs <c>ip ARGS</c>; returns stdout, throws with stderr on a non-zero exit.</summary>
    public string Ip(params string[] args) => Run("ip", args);

    /// <summary>Runs <c>ip ARGS</c>; true on exit 0. For probes (does this link exist yet?) and best-effort teardown.</summary>
    public bool TryIp(params string[] args) => TryRun("ip", args, out _, out _);

    /// <summary>Runs <paramref name="file"/>; returns stdout, throws with stderr on a non-zero exit.</summary>
    public string Run(string file, IReadOnlyList<string> args) =>
        TryRun(file, args, out var output, out var error) ? output : throw new LabException($"'{file} {string.Join(' ', args)}' failed: {error.Trim()}");

    /// <summary>Runs <paramref name="file"/>; false (with its stderr, or why it could not run) on a non-zero exit or timeout.</summary>
    public bool TryRun(string file, IReadOnlyList<string> args, out string output, out string error) =>
        ToolCommand.TryRun(file, args, out output, out error, timeout: _timeout);

    /// <summary>The namespaces of lab <paramref name="lab"/>: every name with its prefix.</summary>
    public static List<string> NamespacesOf(string lab) => [.. NetworkNamespace.List(LabNames.Prefix(lab))];
}
