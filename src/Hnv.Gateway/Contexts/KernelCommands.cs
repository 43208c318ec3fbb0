using Hnv.Linux.Links;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// The control-path commands that configure routing contexts: iproute2 (<c>ip</c>, batches of it) and nftables
/// (<c>nft</c>), in the gateway's own namespace (null) or a context's. A few per change, never per packet.
/// </summary>
internal static class KernelCommands
{
    /// <summary>Runs <c>ip [-n ns] args</c>; throws <see cref="ContextException"/> with its stderr.</summary>
    public static void Ip(string? ns, params string[] arguments) => Run("ip", [.. Namespace(ns), .. arguments], null);

    /// <summary>Runs <paramref name="commands"/>, one <c>ip</c> command per line, in one process; stops at the first failure.</summary>
    public static void IpBatch(string? ns, IEnumerable<string> commands) => Run("ip", [.. Namespace(ns), "-batch", "-"], string.Join('\n', commands) + "\n");

    /// <summary>Runs removals, one <c>ip</c> command per line, all of them: one whose object is already gone is no error.</summary>
    public static void IpRemovals(string? ns, IEnumerable<string> commands) =>
        _ = ToolCommand.TryRun("ip", [.. Namespace(ns), "-force", "-batch", "-"], out _, out _, string.Join('\n', commands) + "\n");

    /// <summary>Runs <paramref name="program"/> inside namespace <paramref name="ns"/> (or here, for null).</summary>
    public static string Exec(string? ns, string program, IReadOnlyList<string> arguments, string? input = null) =>
        ns is null ? Run(program, arguments, input) : Run("ip", ["netns", "exec", ns, program, .. arguments], input);

    /// <summary>
    /// Replaces nftables table <paramref name="table"/> (family ip) with <paramref name="body"/> in one transaction: nft
    /// checks the whole script before it commits any of it, so a rule set that does not load leaves the one in force.
    /// </summary>
    public static void ReplaceTable(string? ns, string table, string body) =>
        // Declaring the table first makes the delete valid when it does not exist yet; all three lines are one transaction.
        Exec(ns, "nft", ["-f", "-"], $"table ip {table}\ndelete table ip {table}\ntable ip {table} {{\n{body}}}\n");

    /// <summary>Removes nftables table <paramref name="table"/> (family ip) if it is there.</summary>
    public static void DeleteTable(string? ns, string table) =>
        Exec(ns, "nft", ["-f", "-"], $"table ip {table}\ndelete table ip {table}\n");

    private static string[] Namespace(string? ns) => ns is null ? [] : ["-n", ns];

    private static string Run(string program, IReadOnlyList<string> arguments, string? input)
    {
        if (!ToolCommand.TryRun(program, arguments, out var output, out var error, input))
        {
            throw new ContextException($"{program} {string.Join(' ', arguments)} failed: {error.Trim()}");
        }

        return output;
    }
}
