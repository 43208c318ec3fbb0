using Hnv.Wire.Addressing;

namespace Hnv.NodeRuntime.Configuration;

/// <summary>A validated underlay section: the interface, its IP MTU, the node's PAs, and how NVGRE is sent and received.</summary>
public sealed record UnderlaySettings(string Interface, int Mtu, IpAddress? ProviderAddressV4, IpAddress? ProviderAddressV6)
{
    /// <summary>How the underlay is reached (underlay.io).</summary>
    public UnderlayIo Io { get; init; } = UnderlayIo.Packet;

    /// <summary>Whether TCP super-frames leave whole for the kernel to segment, where it can (underlay.gso).</summary>
    public bool Gso { get; init; } = true;
}
