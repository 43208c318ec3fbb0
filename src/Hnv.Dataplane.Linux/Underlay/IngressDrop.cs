using Hnv.Linux;
using Hnv.Linux.Filters;
using Hnv.Linux.Links;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// A tc ingress filter (<see cref="BpfProgram.DropGreTo"/>) that drops GRE to this host's PAs after the packet
/// socket's copy and before the IP stack, which would otherwise route and deliver every packet a second time: that
/// cost a quarter of the throughput. Where tc cannot (no clsact or cls_bpf), the kernel path's rejecting sockets still
/// keep the kernel quiet.
/// </summary>
internal sealed class IngressDrop : IDisposable
{
    private readonly string _interfaceName;
    private readonly string _namespace = NetworkNamespace.Current();

    private IngressDrop(string interfaceName) => _interfaceName = interfaceName;

    /// <summary>Installs the filter; null with the reason when tc refuses.</summary>
    public static IngressDrop? TryInstall(string interfaceName, IpAddress? v4, IpAddress? v6, out string? problem)
    {
        try
        {
            IngressFilter.Install(interfaceName, PacketUnderlayPort.IngressPreference, BpfProgram.DropGreTo(v4?.ToIPAddress(), v6?.ToIPAddress()));
            problem = null;
            return new IngressDrop(interfaceName);
        }
        catch (LinuxException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Removes the filter when called in the namespace it was installed from (elsewhere the interface name may be
    /// another's); there the filter stays, concerning only GRE to this host's PAs, until an agent replaces it.
    /// </summary>
    public void Dispose()
    {
        if (NetworkNamespace.Current() != _namespace)
        {
            return;
        }

        try
        {
            IngressFilter.Remove(_interfaceName, PacketUnderlayPort.IngressPreference);
        }
        catch (LinuxException)
        {
            // The interface went away with its filters, or someone removed ours: nothing is left to undo.
        }
    }
}
