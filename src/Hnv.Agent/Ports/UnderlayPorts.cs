using Hnv.Agent.Configuration;
using Hnv.Dataplane.Linux;
using Hnv.Dataplane.Ports;

namespace Hnv.Agent.Ports;

/// <summary>Opens the underlay port the configuration asks for (underlay.io).</summary>
public static class UnderlayPorts
{
    /// <summary>AF_PACKET on the underlay interface by default; raw GRE sockets with "raw".</summary>
    public static IUnderlayPort Open(AgentSettings settings) => settings.UnderlayIo switch
    {
        UnderlayIo.Raw => new GreUnderlayPort(settings.ProviderAddressV4, settings.ProviderAddressV6),
        _ => new PacketUnderlayPort(settings.UnderlayInterface, settings.UnderlayMtu, settings.ProviderAddressV4, settings.ProviderAddressV6),
    };
}
