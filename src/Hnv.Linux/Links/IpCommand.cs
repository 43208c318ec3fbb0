namespace Hnv.Linux.Links;

/// <summary>
/// Runs iproute2's <c>ip</c>. Link and namespace configuration is the control path (a few calls when a port or
/// lab is set up, never per packet), so a process per call is fine and far less code than netlink; the
/// packet path uses the descriptors in Tap and Sockets only.
/// </summary>
internal static class IpCommand
{
    /// <summary>Runs <c>ip [-n ns] args</c>; returns stdout, throws <see cref="LinuxException"/> with stderr.</summary>
    internal static string Run(string? networkNamespace, params ReadOnlySpan<string> arguments) => Run(networkNamespace, null, arguments);

    /// <summary>
    /// Runs many commands in one process (<c>ip -j -force -batch -</c>, one command per line of
    /// <paramref name="commands"/>): one JSON document per line of output, in order, and none for a command that
    /// failed (-force goes on after it, and the exit code is not an error here). For lookups repeated for many
    /// addresses: one process instead of one each.
    /// </summary>
    internal static string RunBatch(string? networkNamespace, string commands) => Run(networkNamespace, commands, "-j", "-force", "-batch", "-");

    private static string Run(string? networkNamespace, string? input, params ReadOnlySpan<string> arguments) =>
        ToolCommand.Run("ip", networkNamespace, input, arguments);
}
