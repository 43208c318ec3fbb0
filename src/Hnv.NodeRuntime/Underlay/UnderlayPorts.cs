using Hnv.Dataplane.Linux.Underlay;
using Hnv.Dataplane.Ports;
using Hnv.NodeRuntime.Configuration;
using Hnv.NodeRuntime.Logging;
using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Underlay;

/// <summary>Opens the underlay port a forwarding daemon's configuration asks for (underlay.io).</summary>
public static class UnderlayPorts
{
    /// <summary>
    /// AF_PACKET on the underlay interface by default, with TCP super-frames segmented by the kernel where it can
    /// (underlay.gso); raw GRE sockets with "raw".
    /// </summary>
    public static IUnderlayPort Open(UnderlaySettings settings, ILogger logger)
    {
        if (settings.Io == UnderlayIo.Raw)
        {
            return new GreUnderlayPort(settings.ProviderAddressV4, settings.ProviderAddressV6, settings.Mtu);
        }

        var port = new PacketUnderlayPort(settings.Interface, settings.Mtu, settings.ProviderAddressV4, settings.ProviderAddressV6, settings.Gso);
        if (port.IngressDropProblem is { } problem)
        {
            NodeLog.IngressDropMissing(logger, settings.Interface, problem);
        }

        if (port.TakesSuperFrames)
        {
            NodeLog.SegmentationOffloadOn(logger, settings.Interface);
        }
        else if (settings.Gso && port.SegmentationProblem is { } reason)
        {
            // Asked for and not to be had: worth a warning. Turned off on purpose, it is what the configuration says.
            NodeLog.SegmentationOffloadMissing(logger, settings.Interface, reason);
        }

        return port;
    }
}
