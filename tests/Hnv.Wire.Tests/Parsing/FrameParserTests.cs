using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Parsing;

[Trait("tier", "pure")]
public sealed class FrameParserTests
{
    private static readonly MacAddress MacA = MacAddress.Parse("00:15:5d:00:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("00:15:5d:00:00:0b");
    private static readonly IpAddress V4A = IpAddress.Parse("10.0.0.1");
    private static readonly IpAddress V4B = IpAddress.Parse("10.0.0.2");
    private static readonly IpAddress V6A = IpAddress.Parse("2001:db8::a");
    private static readonly IpAddress V6B = IpAddress.Parse("2001:db8::b");

    private static byte[] Udp(IpAddress src, IpAddress dst, int payload = 4)
    {
        var buffer = new byte[100 + payload];
        return buffer[..FrameBuilder.Udp(buffer, MacA, MacB, src, dst, 1111, 2222, new byte[payload], 9)];
    }

    /// <summary>Ethernet + IPv6 header with <paramref name="nextHeader"/> and the given extension/upper-layer bytes.</summary>
    private static byte[] Ipv6Frame(byte nextHeader, string rest)
    {
        var tail = Hex.Bytes(rest);
        var bytes = new byte[14 + 40 + tail.Length];
        EthernetFrame.WriteHeader(bytes, MacB, MacA, EtherTypes.Ipv6);
        Ipv6Header.Write(bytes.AsSpan(14), V6A, V6B, nextHeader, tail.Length);
        tail.CopyTo(bytes, 54);
        return bytes;
    }

    [Fact]
    public void Parse_UdpOverIpv4_AllFields()
    {
        var frame = Udp(V4A, V4B);
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.Equal(MacB, s.DestinationMac);
        Assert.Equal(MacA, s.SourceMac);
        Assert.Equal(EtherTypes.Ipv4, s.EtherType);
        Assert.False(s.HasVlanTag);
        Assert.Equal(14, s.NetworkOffset);
        Assert.True(s.IsIp);
        Assert.Equal(V4A, s.Source);
        Assert.Equal(V4B, s.Destination);
        Assert.Equal(IpProtocol.Udp, s.Protocol);
        Assert.Equal(32, s.IpLength);
        Assert.Equal(9, s.HopLimit);
        Assert.False(s.IsFragment);
        Assert.Equal(34, s.TransportOffset);
        Assert.Equal((1111, 2222), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_TcpOverIpv6_AllFields()
    {
        var buffer = new byte[200];
        var length = FrameBuilder.Tcp(buffer, MacA, MacB, V6A, V6B, 40000, 443, 1, TcpHeader.FlagSyn, [], 64);
        Assert.Equal(ParseError.None, FrameParser.Parse(buffer.AsSpan(0, length), out var s));
        Assert.Equal(EtherTypes.Ipv6, s.EtherType);
        Assert.Equal((V6A, V6B, IpProtocol.Tcp), (s.Source, s.Destination, s.Protocol));
        Assert.Equal(60, s.IpLength);
        Assert.Equal(54, s.TransportOffset);
        Assert.Equal((40000, 443), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_VlanTagged_OffsetsShiftByFour()
    {
        // IEEE 802.1Q: a 4-byte tag between the source MAC and the EtherType.
        var plain = Udp(V4A, V4B);
        var tagged = new byte[plain.Length + 4];
        plain.AsSpan(0, 12).CopyTo(tagged);
        Hex.Bytes("8100 0064").CopyTo(tagged, 12);
        plain.AsSpan(12).CopyTo(tagged.AsSpan(16));
        Assert.Equal(ParseError.None, FrameParser.Parse(tagged, out var s));
        Assert.True(s.HasVlanTag);
        Assert.Equal(18, s.NetworkOffset);
        Assert.Equal(38, s.TransportOffset);
        Assert.Equal((1111, 2222), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_Arp_NotIpButParsed()
    {
        var buffer = new byte[60];
        var length = FrameBuilder.ArpRequest(buffer, MacA, V4A, V4B);
        Assert.Equal(ParseError.None, FrameParser.Parse(buffer.AsSpan(0, length), out var s));
        Assert.False(s.IsIp);
        Assert.Equal(EtherTypes.Arp, s.EtherType);
        Assert.Equal(MacAddress.Broadcast, s.DestinationMac);
        Assert.Equal(-1, s.TransportOffset);
    }

    [Fact]
    public void Parse_EveryLengthBelowEthernetHeader_EthernetTruncated()
    {
        var frame = Udp(V4A, V4B);
        for (var length = 0; length < 14; length++)
        {
            Assert.Equal(ParseError.EthernetTruncated, FrameParser.Parse(frame.AsSpan(0, length), out var s));
            Assert.Equal(default, s);
        }
    }

    [Fact]
    public void Parse_TruncatedInsideIpv4Header_Ipv4Malformed()
    {
        var frame = Udp(V4A, V4B);
        for (var length = 14; length < frame.Length; length++)
        {
            var expected = length < 14 + 32 ? ParseError.Ipv4Malformed : ParseError.None;
            Assert.Equal(expected, FrameParser.Parse(frame.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void Parse_TruncatedInsideIpv6Header_Ipv6Malformed()
    {
        var frame = Udp(V6A, V6B);
        for (var length = 14; length < 14 + 40 + 12; length++)
        {
            Assert.Equal(ParseError.Ipv6Malformed, FrameParser.Parse(frame.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void Parse_BadExtensionChain_Ipv6ExtensionHeadersMalformed()
    {
        // RFC 8200 4.3: a hop-by-hop header whose length runs past Payload Length.
        var frame = Ipv6Frame(IpProtocol.HopByHop, "11 04 0104 00000000");
        Assert.Equal(ParseError.Ipv6ExtensionHeadersMalformed, FrameParser.Parse(frame, out var s));
        Assert.True(s.IsIp);
        Assert.Equal(-1, s.TransportOffset);
    }

    [Fact]
    public void Parse_ExtensionChain_TransportAfterIt()
    {
        var frame = Ipv6Frame(IpProtocol.HopByHop, "2c 00 0104 00000000" + "11 00 0000 00000001" + "0457 08ae 0008 0000");
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.Equal(IpProtocol.Udp, s.Protocol);
        Assert.False(s.IsFragment); // RFC 6946 atomic fragment
        Assert.Equal(14 + 56, s.TransportOffset);
        Assert.Equal((1111, 2222), (s.SourcePort, s.DestinationPort));
    }

    [Theory]
    // RFC 768: UDP Length below 8; RFC 9293: TCP Data Offset below 5.
    [InlineData(IpProtocol.Udp, "0457 08ae 0004 0000")]
    [InlineData(IpProtocol.Tcp, "0457 08ae 00000000 00000000 4000 ffff 0000 0000")]
    // Transport header cut short by Payload Length.
    [InlineData(IpProtocol.Udp, "0457 08ae")]
    [InlineData(IpProtocol.Tcp, "0457 08ae 00000000 00000000")]
    public void Parse_BadTransportHeader_TransportTruncated(byte protocol, string transport) =>
        Assert.Equal(ParseError.TransportTruncated, FrameParser.Parse(Ipv6Frame(protocol, transport), out _));

    [Fact]
    public void Parse_TransportInEthernetPaddingOnly_TransportTruncated()
    {
        // RFC 894 padding is not part of the IP packet: a UDP header there does not count.
        var frame = Udp(V4A, V4B, payload: 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), 24); // Total Length ends inside the UDP header
        Assert.True(Ipv4Header.TryRead(frame.AsSpan(14), out var ip));
        ip.UpdateChecksum();
        Assert.Equal(ParseError.TransportTruncated, FrameParser.Parse(frame, out _));
    }

    [Fact]
    public void Parse_Icmp_NoPorts()
    {
        var buffer = new byte[100];
        var length = FrameBuilder.EchoRequest(buffer, MacA, MacB, V4A, V4B, 7, 8, [1, 2, 3]);
        Assert.Equal(ParseError.None, FrameParser.Parse(buffer.AsSpan(0, length), out var s));
        Assert.Equal(IpProtocol.Icmp, s.Protocol);
        Assert.Equal(34, s.TransportOffset);
        Assert.Equal((0, 0), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_Ipv4FirstFragment_PortsRead()
    {
        // RFC 791: offset 0 with MF set: the first fragment carries the transport header. Its UDP Length (48) counts
        // the whole datagram, of which this fragment holds only 24 bytes (RFC 768 / RFC 791 section 3.2).
        var whole = Udp(V4A, V4B, payload: 40);
        var frame = whole[..(14 + 20 + 24)];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), 44);
        frame[20] = 0x20;
        Assert.True(Ipv4Header.TryRead(frame.AsSpan(14), out var ip));
        ip.UpdateChecksum();
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.True(s.IsFragment);
        Assert.Equal(34, s.TransportOffset);
        Assert.Equal((1111, 2222), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_Ipv4NonFirstFragment_NoTransport()
    {
        // RFC 791: a fragment at offset 1480 carries data, not a UDP header.
        var frame = Udp(V4A, V4B, payload: 40);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(20), 185);
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.True(s.IsFragment);
        Assert.Equal(-1, s.TransportOffset);
        Assert.Equal((0, 0), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_Ipv6FirstFragment_PortsRead()
    {
        // RFC 8200 4.5: fragment offset 0, M set; the UDP Length (48) counts the whole datagram, 12 bytes of it are here.
        var frame = Ipv6Frame(IpProtocol.Ipv6Fragment, "11 00 0001 00000001" + "0457 08ae 0030 0000 00000000");
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.True(s.IsFragment);
        Assert.Equal(14 + 48, s.TransportOffset);
        Assert.Equal((1111, 2222), (s.SourcePort, s.DestinationPort));
    }

    [Fact]
    public void Parse_Ipv6NonFirstFragment_NoTransport()
    {
        // RFC 8200 4.5: a fragment at offset 1480 (185 units) carries data, not a UDP header; FrameSummary documents
        // TransportOffset -1 for a non-first fragment, as the IPv4 path does. The data here happens to look like ports.
        var frame = Ipv6Frame(IpProtocol.Ipv6Fragment, "11 00 05c8 00000001" + "dead beef 0010 0000 00000000");
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.True(s.IsFragment);
        Assert.Equal(IpProtocol.Udp, s.Protocol);
        Assert.Equal(-1, s.TransportOffset);
        Assert.Equal((0, 0), (s.SourcePort, s.DestinationPort));
    }
}
