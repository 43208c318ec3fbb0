namespace Hnv.Cli.Decode;

/// <summary>The inner (customer) Ethernet frame carried by NVGRE; IP fields are null for non-IP frames.</summary>
internal sealed record DecodedInner
{
    public required string SrcMac { get; init; }

    public required string DstMac { get; init; }

    /// <summary>The EtherType after any VLAN tag, as "0x0800".</summary>
    public required string EtherType { get; init; }

    /// <summary>The customer source address (CA).</summary>
    public string? Src { get; init; }

    /// <summary>The customer destination address (CA).</summary>
    public string? Dst { get; init; }

    /// <summary>"tcp", "udp", "icmp", "icmpv6", or the protocol number.</summary>
    public string? Protocol { get; init; }

    public int? SrcPort { get; init; }

    public int? DstPort { get; init; }
}
