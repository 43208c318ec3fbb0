using System.Buffers.Binary;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Parsing;

/// <summary>
/// Reads an Ethernet frame down to its transport ports in one pass. Non-IP frames (ARP and others) parse
/// successfully with <see cref="FrameSummary.IsIp"/> false; the caller decides what to do with them.
/// </summary>
public static class FrameParser
{
    /// <summary>Parses <paramref name="frame"/>; returns <see cref="ParseError.None"/> when it could.</summary>
    public static ParseError Parse(Span<byte> frame, out FrameSummary summary)
    {
        summary = default;
        if (!EthernetFrame.TryRead(frame, out var eth))
        {
            return ParseError.EthernetTruncated;
        }

        // Filled in place, field by field: a FrameSummary is large, and this runs once per packet.
        summary.DestinationMac = eth.Destination;
        summary.SourceMac = eth.Source;
        summary.EtherType = eth.EtherType;
        summary.HasVlanTag = eth.HasVlanTag;
        summary.NetworkOffset = eth.HeaderLengthWithTags;
        summary.TransportOffset = -1;

        return summary.EtherType switch
        {
            EtherTypes.Ipv4 => ParseIpv4(frame, ref summary),
            EtherTypes.Ipv6 => ParseIpv6(frame, ref summary),
            _ => ParseError.None,
        };
    }

    private static ParseError ParseIpv4(Span<byte> frame, ref FrameSummary summary)
    {
        if (!Ipv4Header.TryRead(frame[summary.NetworkOffset..], out var ip))
        {
            return ParseError.Ipv4Malformed;
        }

        var transport = ip.FragmentOffset == 0 ? summary.NetworkOffset + ip.HeaderLength : -1;
        summary.IsIp = true;
        summary.Source = ip.Source;
        summary.Destination = ip.Destination;
        summary.Protocol = ip.Protocol;
        summary.IpLength = ip.TotalLength;
        summary.HopLimit = ip.TimeToLive;
        summary.IsFragment = ip.IsFragment;
        summary.TransportOffset = transport;

        return ReadPorts(frame[..(summary.NetworkOffset + ip.TotalLength)], ref summary);
    }

    private static ParseError ParseIpv6(Span<byte> frame, ref FrameSummary summary)
    {
        if (!Ipv6Header.TryRead(frame[summary.NetworkOffset..], out var ip))
        {
            return ParseError.Ipv6Malformed;
        }

        summary.IsIp = true;
        summary.Source = ip.Source;
        summary.Destination = ip.Destination;
        summary.Protocol = ip.NextHeader;
        summary.IpLength = Ipv6Header.Length + ip.PayloadLength;
        summary.HopLimit = ip.HopLimit;

        if (!ip.TryFindUpperLayer(out var protocol, out var offset, out var isFragment, out var hasUpperLayerHeader))
        {
            return ParseError.Ipv6ExtensionHeadersMalformed;
        }

        var transport = hasUpperLayerHeader ? summary.NetworkOffset + offset : -1;
        summary.Protocol = protocol;
        summary.IsFragment = isFragment;
        summary.TransportOffset = transport;
        return ReadPorts(frame[..(summary.NetworkOffset + summary.IpLength)], ref summary);
    }

    private static ParseError ReadPorts(Span<byte> packet, ref FrameSummary summary)
    {
        // A non-first fragment has no transport header; a first fragment usually does, but is not required to.
        if (summary.TransportOffset < 0 || (summary.IsFragment && summary.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp)))
        {
            return ParseError.None;
        }

        var l4 = packet[summary.TransportOffset..];
        switch (summary.Protocol)
        {
            case IpProtocol.Udp when summary.IsFragment && l4.Length >= UdpHeader.Length:
                // A first fragment's UDP Length counts the whole datagram, which is not all here; the ports are.
                summary.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
                summary.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
                return ParseError.None;
            case IpProtocol.Udp when UdpHeader.TryRead(l4, out var udp):
                summary.SourcePort = udp.SourcePort;
                summary.DestinationPort = udp.DestinationPort;
                return ParseError.None;
            case IpProtocol.Tcp when TcpHeader.TryRead(l4, out var tcp):
                summary.SourcePort = tcp.SourcePort;
                summary.DestinationPort = tcp.DestinationPort;
                return ParseError.None;
            case IpProtocol.Udp or IpProtocol.Tcp when !summary.IsFragment:
                return ParseError.TransportTruncated;
            default:
                return ParseError.None;
        }
    }
}
