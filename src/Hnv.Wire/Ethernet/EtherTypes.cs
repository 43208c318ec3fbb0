namespace Hnv.Wire.Ethernet;

/// <summary>The EtherType values hnv looks at (IEEE 802.3 / IANA).</summary>
public static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Vlan = 0x8100;
    public const ushort QinQ = 0x88A8;
    public const ushort Ipv6 = 0x86DD;

    /// <summary>Transparent Ethernet bridging: the GRE protocol of NVGRE (RFC 7637).</summary>
    public const ushort TransparentEthernetBridging = 0x6558;
}
