using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Building;

/// <summary>
/// Writes whole, checksummed Ethernet frames (UDP, TCP, ICMP echo, ARP, neighbor solicitation) into a span.
/// Used to originate packets (tests, benchmarks, sample captures, probes); each method returns the length written.
/// </summary>
public static class FrameBuilder
{
    /// <summary>Ethernet + IP header length for this family.</summary>
    public static int HeadersLength(bool v6) => EthernetFrame.HeaderLength + (v6 ? Ipv6Header.Length : Ipv4Header.MinLength);

    /// <summary>A UDP datagram with a valid checksum.</summary>
    public static int Udp(Span<byte> destination, MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst,
        ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload, byte hopLimit = 64)
    {
        var l4 = WriteIp(destination, srcMac, dstMac, src, dst, IpProtocol.Udp, UdpHeader.Length + payload.Length, hopLimit);
        var segment = destination.Slice(l4, UdpHeader.Length + payload.Length);
        UdpHeader.Write(segment, srcPort, dstPort, segment.Length);
        payload.CopyTo(segment[UdpHeader.Length..]);
        var sum = InternetChecksum.ForUdp(InternetChecksum.ComputeWithPseudoHeader(src, dst, IpProtocol.Udp, segment));
        UdpHeader.TryRead(segment, out var udp);
        udp.Checksum = sum;
        return l4 + segment.Length;
    }

    /// <summary>A TCP segment (no options) with a valid checksum.</summary>
    public static int Tcp(Span<byte> destination, MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst,
        ushort srcPort, ushort dstPort, uint sequence, byte flags, ReadOnlySpan<byte> payload, byte hopLimit = 64)
    {
        var l4 = WriteIp(destination, srcMac, dstMac, src, dst, IpProtocol.Tcp, TcpHeader.MinLength + payload.Length, hopLimit);
        var segment = destination.Slice(l4, TcpHeader.MinLength + payload.Length);
        TcpHeader.Write(segment, srcPort, dstPort, sequence, 0, flags, 65535);
        payload.CopyTo(segment[TcpHeader.MinLength..]);
        TcpHeader.TryRead(segment, out var tcp);
        tcp.Checksum = InternetChecksum.ComputeWithPseudoHeader(src, dst, IpProtocol.Tcp, segment);
        return l4 + segment.Length;
    }

    /// <summary>An ICMP (v4) or ICMPv6 echo request with a valid checksum.</summary>
    public static int EchoRequest(Span<byte> destination, MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst,
        ushort identifier, ushort sequence, ReadOnlySpan<byte> payload, byte hopLimit = 64)
    {
        var v6 = dst.IsV6;
        var protocol = v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp;
        var l4 = WriteIp(destination, srcMac, dstMac, src, dst, protocol, IcmpV4.HeaderLength + payload.Length, hopLimit);
        var message = destination.Slice(l4, IcmpV4.HeaderLength + payload.Length);
        var type = v6 ? IcmpV6.TypeEchoRequest : IcmpV4.TypeEchoRequest;
        IcmpHeader.WriteHeader(message, type, 0, ((uint)identifier << 16) | sequence);
        payload.CopyTo(message[IcmpV4.HeaderLength..]);
        var sum = v6 ? InternetChecksum.ComputeWithPseudoHeader(src, dst, protocol, message) : InternetChecksum.Compute(message);
        message[2] = (byte)(sum >> 8);
        message[3] = (byte)sum;
        return l4 + message.Length;
    }

    /// <summary>An ARP request for <paramref name="targetIp"/>, broadcast.</summary>
    public static int ArpRequest(Span<byte> destination, MacAddress srcMac, IpAddress senderIp, IpAddress targetIp)
    {
        EthernetFrame.WriteHeader(destination, MacAddress.Broadcast, srcMac, EtherTypes.Arp);
        ArpPacket.Write(destination[EthernetFrame.HeaderLength..], ArpPacket.OperationRequest, srcMac, senderIp, MacAddress.Zero, targetIp);
        return EthernetFrame.HeaderLength + ArpPacket.Length;
    }

    /// <summary>A neighbor solicitation for <paramref name="target"/> to its solicited-node address.</summary>
    public static int NeighborSolicitation(Span<byte> destination, MacAddress srcMac, IpAddress src, IpAddress target)
    {
        var group = NeighborDiscovery.SolicitedNodeAddress(target);
        var groupMac = new MacAddress(0x3333_0000_0000UL | (ulong)(group.Value & 0xFFFF_FFFF));
        var length = NeighborDiscovery.MessageLength + NeighborDiscovery.LinkLayerOptionLength;
        var l4 = WriteIp(destination, srcMac, groupMac, src, group, IpProtocol.Icmpv6, length, 255);
        var message = destination.Slice(l4, length);
        NeighborDiscovery.WriteSolicitation(message, target, srcMac);
        var sum = InternetChecksum.ComputeWithPseudoHeader(src, group, IpProtocol.Icmpv6, message);
        message[2] = (byte)(sum >> 8);
        message[3] = (byte)sum;
        return l4 + length;
    }

    private static int WriteIp(Span<byte> destination, MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst,
        byte protocol, int payloadLength, byte hopLimit)
    {
        var ipAt = EthernetFrame.HeaderLength;
        if (dst.IsV6)
        {
            EthernetFrame.WriteHeader(destination, dstMac, srcMac, EtherTypes.Ipv6);
            Ipv6Header.Write(destination[ipAt..], src, dst, protocol, payloadLength, hopLimit);
            return ipAt + Ipv6Header.Length;
        }

        EthernetFrame.WriteHeader(destination, dstMac, srcMac, EtherTypes.Ipv4);
        Ipv4Header.Write(destination[ipAt..], src, dst, protocol, Ipv4Header.MinLength + payloadLength, hopLimit);
        return ipAt + Ipv4Header.MinLength;
    }
}
