using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Building;

[Trait("tier", "pure")]
public sealed class FrameBuilderTests
{
    private static readonly MacAddress MacA = MacAddress.Parse("00:15:5d:00:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("00:15:5d:00:00:0b");

    [Theory]
    [InlineData(false, 34)]
    [InlineData(true, 54)]
    public void HeadersLength_ByFamily_EthernetPlusIp(bool v6, int expected) => Assert.Equal(expected, FrameBuilder.HeadersLength(v6));

    [Fact]
    public void Udp_Ipv4_ExactBytes()
    {
        // 10.0.0.1:1111 -> 10.0.0.2:2222, payload "hi", TTL 64, DF; checksums as RFC 791 / RFC 768 compute them.
        var buffer = new byte[100];
        var length = FrameBuilder.Udp(buffer, MacA, MacB, IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), 1111, 2222, "hi"u8);
        Assert.Equal(14 + 20 + 8 + 2, length);
        var frame = buffer.AsSpan(0, length);
        Assert.Equal(Hex.Bytes("00155d00000b 00155d00000a 0800"), frame[..14].ToArray());
        Assert.Equal(Hex.Bytes("4500 001e 0000 4000 4011"), frame[14..24].ToArray());
        Assert.Equal(Hex.Bytes("0a000001 0a000002 0457 08ae 000a"), frame[26..40].ToArray());
        Assert.True(InternetChecksum.IsValid(frame[14..34]));
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), IpProtocol.Udp, frame[34..]));
        Assert.Equal("hi"u8.ToArray(), frame[42..].ToArray());
    }

    [Fact]
    public void Udp_ComputedChecksumZero_SentAsAllOnes()
    {
        // RFC 768: a computed checksum of zero is transmitted as 0xFFFF. Choose the last payload word so the sum is all ones.
        var src = IpAddress.Parse("10.0.0.1");
        var dst = IpAddress.Parse("10.0.0.2");
        var payload = new byte[] { 1, 2, 3, 4, 0, 0 };
        var segment = new byte[14];
        UdpHeader.Write(segment, 7, 9, segment.Length);
        payload.CopyTo(segment, 8);
        var c = InternetChecksum.ComputeWithPseudoHeader(src, dst, IpProtocol.Udp, segment);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(4), c);

        var buffer = new byte[100];
        var length = FrameBuilder.Udp(buffer, MacA, MacB, src, dst, 7, 9, payload);
        var udp = buffer.AsSpan(34, length - 34);
        Assert.Equal(0xFFFF, BinaryPrimitives.ReadUInt16BigEndian(udp[6..]));
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(src, dst, IpProtocol.Udp, udp));
    }

    [Fact]
    public void Tcp_Ipv6_HeaderAndChecksum()
    {
        var src = IpAddress.Parse("2001:db8::1");
        var dst = IpAddress.Parse("2001:db8::2");
        var buffer = new byte[200];
        var length = FrameBuilder.Tcp(buffer, MacA, MacB, src, dst, 40000, 443, 0xA1B2C3D4, TcpHeader.FlagSyn, "x"u8, hopLimit: 9);
        Assert.Equal(14 + 40 + 20 + 1, length);
        Assert.Equal(EtherTypes.Ipv6, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(12)));
        Assert.True(Ipv6Header.TryRead(buffer.AsSpan(14, length - 14), out var ip));
        Assert.Equal((21, IpProtocol.Tcp, 9), (ip.PayloadLength, ip.NextHeader, ip.HopLimit));
        Assert.True(TcpHeader.TryRead(ip.Payload, out var tcp));
        Assert.Equal((40000, 443, 0xA1B2C3D4u, TcpHeader.FlagSyn, 65535), (tcp.SourcePort, tcp.DestinationPort, tcp.SequenceNumber, tcp.Flags, tcp.Window));
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(src, dst, IpProtocol.Tcp, ip.Payload));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.2", IpProtocol.Icmp, IcmpV4.TypeEchoRequest)]
    [InlineData("2001:db8::1", "2001:db8::2", IpProtocol.Icmpv6, IcmpV6.TypeEchoRequest)]
    public void EchoRequest_EitherFamily_TypeAndChecksum(string srcText, string dstText, byte protocol, byte type)
    {
        // RFC 792 (no pseudo-header) and RFC 4443 section 2.3 (pseudo-header).
        var src = IpAddress.Parse(srcText);
        var dst = IpAddress.Parse(dstText);
        var buffer = new byte[200];
        var length = FrameBuilder.EchoRequest(buffer, MacA, MacB, src, dst, 0x1234, 7, "ping"u8);
        var l4 = FrameBuilder.HeadersLength(dst.IsV6);
        var message = buffer.AsSpan(l4, length - l4);
        Assert.Equal(12, message.Length);
        Assert.Equal(type, message[0]);
        Assert.Equal(Hex.Bytes("1234 0007"), message[4..8].ToArray());
        Assert.True(protocol == IpProtocol.Icmp
            ? InternetChecksum.IsValid(message)
            : InternetChecksum.IsValidWithPseudoHeader(src, dst, protocol, message));
    }

    [Fact]
    public void ArpRequest_Broadcast_Rfc826Request()
    {
        var buffer = new byte[60];
        var length = FrameBuilder.ArpRequest(buffer, MacA, IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"));
        Assert.Equal(42, length);
        Assert.Equal(Hex.Bytes("ffffffffffff 00155d00000a 0806 0001 0800 0604 0001 00155d00000a 0a000001 000000000000 0a000002"),
            buffer[..length]);
    }

    [Fact]
    public void NeighborSolicitation_ToSolicitedNodeGroup_Rfc4861()
    {
        // RFC 4861 7.2.2: to the solicited-node address, hop limit 255, source link-layer option; RFC 2464 section 7 MAC 33:33:xx.
        var src = IpAddress.Parse("fe80::1");
        var target = IpAddress.Parse("2001:db8::aabb:ccdd");
        var buffer = new byte[100];
        var length = FrameBuilder.NeighborSolicitation(buffer, MacA, src, target);
        Assert.Equal(14 + 40 + 32, length);
        Assert.Equal(MacAddress.Parse("33:33:ff:bb:cc:dd"), MacAddress.Read(buffer));
        Assert.True(Ipv6Header.TryRead(buffer.AsSpan(14, length - 14), out var ip));
        Assert.Equal(255, ip.HopLimit);
        Assert.Equal(IpAddress.Parse("ff02::1:ffbb:ccdd"), ip.Destination);
        Assert.True(NeighborDiscovery.TryReadTarget(ip.Payload, out var read));
        Assert.Equal(target, read);
        Assert.True(NeighborDiscovery.TryFindLinkLayerOption(ip.Payload, NeighborDiscovery.OptionSourceLinkLayerAddress, out var mac, out _));
        Assert.Equal(MacA, mac);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(src, ip.Destination, IpProtocol.Icmpv6, ip.Payload));
    }
}
