using System.Globalization;
using Hnv.Linux.Filters;

namespace Hnv.Linux.Links;

/// <summary>
/// A classic BPF program on an interface's tc ingress hook (a clsact qdisc, cls_bpf in direct-action mode), kept
/// under a fixed preference so its owner finds it again: <see cref="Install"/> replaces a filter left by an earlier
/// run that crashed, <see cref="Remove"/> deletes it. The hook runs after AF_PACKET sockets took their copy and
/// before the IP stack: the place to stop the kernel from also handling a packet user space already has.
/// </summary>
public static class IngressFilter
{
    /// <summary>Puts <paramref name="program"/> at <paramref name="preference"/> on <paramref name="interfaceName"/>'s ingress, adding clsact if the interface has none.</summary>
    public static void Install(string interfaceName, int preference, BpfProgram program, string? networkNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var qdiscs = ToolCommand.Run("tc", networkNamespace, null, "qdisc", "show", "dev", interfaceName);
        if (!qdiscs.Contains("clsact", StringComparison.Ordinal))
        {
            ToolCommand.Run("tc", networkNamespace, null, "qdisc", "add", "dev", interfaceName, "clsact");
        }

        ToolCommand.Run("tc", networkNamespace, null, "filter", "replace", "dev", interfaceName, "ingress", "protocol", "all",
            "pref", preference.ToString(CultureInfo.InvariantCulture), "handle", "1", "bpf", "direct-action", "bytecode", program.ToBytecode());
    }

    /// <summary>The bytecode of the program at <paramref name="preference"/>, or null when there is none.</summary>
    public static string? Find(string interfaceName, int preference, string? networkNamespace = null)
    {
        var output = ToolCommand.Run("tc", networkNamespace, null, "filter", "show", "dev", interfaceName, "ingress",
            "pref", preference.ToString(CultureInfo.InvariantCulture));
        var start = output.IndexOf("bytecode '", StringComparison.Ordinal);
        return start < 0 ? null : output[(start + 10)..output.IndexOf('\'', start + 10)];
    }

    /// <summary>Deletes the filter at <paramref name="preference"/> (the clsact qdisc stays: other filters may use it).</summary>
    public static void Remove(string interfaceName, int preference, string? networkNamespace = null) =>
        ToolCommand.Run("tc", networkNamespace, null, "filter", "delete", "dev", interfaceName, "ingress",
            "pref", preference.ToString(CultureInfo.InvariantCulture));
}
