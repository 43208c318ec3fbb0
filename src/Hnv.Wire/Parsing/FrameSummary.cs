using Hnv.Wire.Addressing;

namespace Hnv.Wire.Parsing;

/// <summary>
/// What <see cref="FrameParser"/> learned of one Ethernet frame: addresses, protocols and offsets, read once
/// so later stages need not parse again. Offsets are from the start of the frame; -1 means "not present".
/// </summary>
public readonly record struct FrameSummary
{
    public MacAddress DestinationMac { get; init; }

    public MacAddress SourceMac { get; init; }

    /// <summary>The payload's EtherType (after a VLAN tag).</summary>
    public ushort EtherType { get; init; }

    /// <summary>True when the frame carries an 802.1Q/802.1ad tag.</summary>
    public bool HasVlanTag { get; init; }

    /// <summary>Where the network (IP or ARP) header starts.</summary>
    public int NetworkOffset { get; init; }

    /// <summary>True for IPv4 or IPv6 frames whose header was read.</summary>
    public bool IsIp { get; init; }

    public IpAddress Source { get; init; }

    public IpAddress Destination { get; init; }

    /// <summary>The upper-layer protocol (after IPv6 extension headers).</summary>
    public byte Protocol { get; init; }

    /// <summary>Length of the IP packet (header + payload) as its header says.</summary>
    public int IpLength { get; init; }

    /// <summary>TTL or hop limit.</summary>
    public byte HopLimit { get; init; }

    /// <summary>True for an IPv4 or IPv6 fragment.</summary>
    public bool IsFragment { get; init; }

    /// <summary>Where the upper-layer header starts; -1 for a non-first fragment or a truncated chain.</summary>
    public int TransportOffset { get; init; }

    /// <summary>TCP/UDP source port (0 when none).</summary>
    public ushort SourcePort { get; init; }

    /// <summary>TCP/UDP destination port (0 when none).</summary>
    public ushort DestinationPort { get; init; }
}
