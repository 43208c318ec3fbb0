using Hnv.Agent.Configuration;
using Hnv.Agent.Logging;
using Hnv.Dataplane.Linux.Underlay;
using Hnv.Dataplane.Ports;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent.Ports;

/// <summary>Opens the underlay port the configuration asks for (underlay.io).</summary>
public static class UnderlayPorts
{
    /// <summary>
    /// AF_PACKET on the underlay interface by default, with TCP super-frames segmented by the kernel where it can
    /// (underlay.gso); raw GRE sockets with "raw".
    /// </summary>
    public static IUnderlayPort Open(AgentSettings settings, ILogger logger)
    {
        if (settings.UnderlayIo == UnderlayIo.Raw)
        {
            return new GreUnderlayPort(settings.ProviderAddressV4, settings.ProviderAddressV6, settings.UnderlayMtu);
        }

        var port = new PacketUnderlayPort(settings.UnderlayInterface, settings.UnderlayMtu, settings.ProviderAddressV4, settings.ProviderAddressV6,
            settings.UnderlayGso);
        if (port.IngressDropProblem is { } problem)
        {
            AgentLog.IngressDropMissing(logger, settings.UnderlayInterface, problem);
        }

        if (port.TakesSuperFrames)
        {
            AgentLog.SegmentationOffloadOn(logger, settings.UnderlayInterface);
        }
        else if (settings.UnderlayGso && port.SegmentationProblem is { } reason)
        {
            // Asked for and not to be had: worth a warning. Turned off on purpose, it is what the configuration says.
            AgentLog.SegmentationOffloadMissing(logger, settings.UnderlayInterface, reason);
        }

        return port;
    }
}
