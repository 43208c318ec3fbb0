using Hnv.Wire.Addressing;

namespace Hnv.Wire.Parsing;

/// <summary>
/// What <see cref="FrameParser"/> learned of one Ethernet frame: addresses, protocols and offsets, read once
/// so later stages need not parse again. Offsets are from the start of the frame; -1 means "not present".
/// </summary>
public record struct FrameSummary
{
    public MacAddress DestinationMac { get; set; }

    public MacAddress SourceMac { get; set; }

    /// <summary>The payload's EtherType (after a VLAN tag).</summary>
    public ushort EtherType { get; set; }

    /// <summary>True when the frame carries an 802.1Q/802.1ad tag.</summary>
    public bool HasVlanTag { get; set; }

    /// <summary>Where the network (IP or ARP) header starts.</summary>
    public int NetworkOffset { get; set; }

    /// <summary>True for IPv4 or IPv6 frames whose header was read.</summary>
    public bool IsIp { get; set; }

    public IpAddress Source { get; set; }

    public IpAddress Destination { get; set; }

    /// <summary>The upper-layer protocol (after IPv6 extension headers).</summary>
    public byte Protocol { get; set; }

    /// <summary>Length of the IP packet (header + payload) as its header says.</summary>
    public int IpLength { get; set; }

    /// <summary>TTL or hop limit.</summary>
    public byte HopLimit { get; set; }

    /// <summary>True for an IPv4 or IPv6 fragment.</summary>
    public bool IsFragment { get; set; }

    /// <summary>Where the upper-layer header starts; -1 for a non-first fragment or a truncated chain.</summary>
    public int TransportOffset { get; set; }

    /// <summary>TCP/UDP source port (0 when none).</summary>
    public ushort SourcePort { get; set; }

    /// <summary>TCP/UDP destination port (0 when none).</summary>
    public ushort DestinationPort { get; set; }
}
