using Hnv.Wire.Addressing;

namespace Hnv.Forwarding.Node;

/// <summary>This host's forwarding settings: its PAs, the underlay MTU, and the default routers' MAC.</summary>
public sealed record NodeSettings
{
    /// <summary>The MAC every host answers with for subnet default router addresses (locally administered; "HNV" in ASCII).</summary>
    public static readonly MacAddress DefaultRouterMac = new(0x02_48_4E_56_00_01UL);

    /// <summary>This host's IPv4 PA, if it has one.</summary>
    public IpAddress? ProviderAddressV4 { get; init; }

    /// <summary>This host's IPv6 PA, if it has one.</summary>
    public IpAddress? ProviderAddressV6 { get; init; }

    /// <summary>The underlay's IP MTU (1500 on most fabrics, 9000 with jumbo frames).</summary>
    public int UnderlayMtu { get; init; } = 1500;

    /// <summary>The MAC of the distributed default router of every subnet.</summary>
    public MacAddress RouterMac { get; init; } = DefaultRouterMac;

    /// <summary>When false, FlowID is always zero (RFC 7637 allows it; some fabrics want no entropy there).</summary>
    public bool FlowIdHashing { get; init; } = true;

    /// <summary>TTL / hop limit of outer headers.</summary>
    public byte OuterHopLimit { get; init; } = 64;

    /// <summary>True when <paramref name="address"/> is one of this host's PAs.</summary>
    public bool IsLocalProviderAddress(IpAddress address) =>
        address.IsV6 ? ProviderAddressV6 is { } v6 && v6 == address : ProviderAddressV4 is { } v4 && v4 == address;

    /// <summary>This host's PA of the family of <paramref name="destination"/>, if it has one.</summary>
    public bool TryGetProviderAddress(IpAddress destination, out IpAddress source)
    {
        var pa = destination.IsV6 ? ProviderAddressV6 : ProviderAddressV4;
        source = pa.GetValueOrDefault();
        return pa.HasValue;
    }

    /// <summary>
    /// The largest inner IP packet that fits the underlay once wrapped for a PA of this family:
    /// MTU minus outer IP, GRE and the inner Ethernet header (1500 -> 1458 over IPv4, 1438 over IPv6).
    /// </summary>
    public int InnerIpMtu(bool outerV6) => UnderlayMtu - Wire.Tunnel.NvgreEnvelope.Overhead(outerV6) - Wire.Ethernet.EthernetFrame.HeaderLength;
}
