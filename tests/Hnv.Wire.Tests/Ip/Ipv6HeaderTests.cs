using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class Ipv6HeaderTests
{
    // RFC 8200 section 3: version 6, traffic class 0xb8, flow label 0x12345, payload 8, next header UDP, hop limit 64,
    // 2001:db8::1 -> 2001:db8::2.
    private const string Fixed = "6b81 2345 0008 11 40 20010db8000000000000000000000001 20010db8000000000000000000000002";

    /// <summary>A fixed header with <paramref name="nextHeader"/> followed by <paramref name="rest"/> (extension headers and upper layer).</summary>
    private static byte[] Packet(byte nextHeader, string rest)
    {
        var tail = Hex.Bytes(rest);
        var bytes = new byte[Ipv6Header.Length + tail.Length];
        Ipv6Header.Write(bytes, IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), nextHeader, tail.Length);
        tail.CopyTo(bytes, Ipv6Header.Length);
        return bytes;
    }

    private const string Udp = "c000 0035 0008 0000";

    [Fact]
    public void TryRead_CapturedHeader_ReadsEveryField()
    {
        var bytes = Hex.Bytes(Fixed + Udp);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.Equal(0xB8, ip.TrafficClass);
        Assert.Equal(0x12345u, ip.FlowLabel);
        Assert.Equal(8, ip.PayloadLength);
        Assert.Equal(IpProtocol.Udp, ip.NextHeader);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal(IpAddress.Parse("2001:db8::1"), ip.Source);
        Assert.Equal(IpAddress.Parse("2001:db8::2"), ip.Destination);
        Assert.Equal(48, ip.PacketBytes.Length);
        Assert.Equal(8, ip.Payload.Length);
    }

    [Fact]
    public void Write_AllParameters_MatchCapturedHeader()
    {
        var bytes = new byte[40];
        Ipv6Header.Write(bytes, IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), IpProtocol.Udp, 8,
            hopLimit: 64, flowLabel: 0xF12345, trafficClass: 0xB8);
        Assert.Equal(Hex.Bytes(Fixed), bytes); // the flow label is masked to its 20 bits
    }

    [Fact]
    public void Setters_HopLimitAndAddresses_Written()
    {
        var bytes = Hex.Bytes(Fixed + Udp);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        ip.HopLimit = 1;
        ip.Source = IpAddress.Parse("fe80::1");
        ip.Destination = IpAddress.Parse("ff02::1");
        Assert.Equal(1, bytes[7]);
        Assert.Equal(IpAddress.Parse("fe80::1"), IpAddress.ReadV6(bytes.AsSpan(8)));
        Assert.Equal(IpAddress.Parse("ff02::1"), IpAddress.ReadV6(bytes.AsSpan(24)));
    }

    [Fact]
    public void TryRead_EveryLengthBelow40_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Fixed + Udp);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0);
        for (var length = 0; length < Ipv6Header.Length; length++)
        {
            Assert.False(Ipv6Header.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }

        Assert.True(Ipv6Header.TryRead(bytes.AsSpan(0, 40), out _));
    }

    [Theory]
    // RFC 8200 section 3: Version must be 6.
    [InlineData(0x4b)]
    [InlineData(0x0b)]
    [InlineData(0x7b)]
    public void TryRead_BadVersion_ReturnsFalse(byte first)
    {
        var bytes = Hex.Bytes(Fixed + Udp);
        bytes[0] = first;
        Assert.False(Ipv6Header.TryRead(bytes, out _));
    }

    [Theory]
    // RFC 8200 section 3: Payload Length counts what follows the fixed header; it cannot run past the bytes received.
    [InlineData(9)]
    [InlineData(0xFFFF)]
    public void TryRead_PayloadLengthPastSpan_ReturnsFalse(int payloadLength)
    {
        var bytes = Hex.Bytes(Fixed + Udp);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)payloadLength);
        Assert.False(Ipv6Header.TryRead(bytes, out _));
    }

    [Theory]
    // RFC 8200 section 4: no extension headers.
    [InlineData(IpProtocol.Udp, Udp, IpProtocol.Udp, 40)]
    // RFC 8200 4.3: hop-by-hop, length 0 = 8 bytes (PadN), then UDP.
    [InlineData(IpProtocol.HopByHop, "11 00 0104 00000000" + Udp, IpProtocol.Udp, 48)]
    // RFC 8200 4.3, 4.4, 4.6: hop-by-hop, routing (Hdr Ext Len 2 = 24 bytes), destination options, then TCP.
    [InlineData(IpProtocol.HopByHop, "2b 00 0104 00000000" + "3c 02 00 00 00000000 0000000000000000 0000000000000000"
        + "06 00 0104 00000000" + "c000 0050 00000000 00000000 5000 ffff 0000 0000", IpProtocol.Tcp, 80)]
    // RFC 4302 section 2.2: AH Payload Len is in 4-byte units minus 2: 4 = 24 bytes, then ICMPv6.
    [InlineData(IpProtocol.Ah, "3a 04 0000 00000001 00000001 0000000000000000 00000000" + "8000 0000 0000 0000", IpProtocol.Icmpv6, 64)]
    // RFC 8200 4.7: No Next Header ends the walk.
    [InlineData(IpProtocol.Ipv6DestinationOptions, "3b 00 0104 00000000", IpProtocol.Ipv6NoNext, 48)]
    // RFC 4303: ESP is an upper layer to the walker (its contents are encrypted).
    [InlineData(IpProtocol.Esp, "00000001 00000001", IpProtocol.Esp, 40)]
    public void TryFindUpperLayer_Chain_FindsProtocolAndOffset(byte first, string rest, byte protocol, int offset)
    {
        var bytes = Packet(first, rest);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.True(ip.TryFindUpperLayer(out var found, out var at, out var isFragment));
        Assert.Equal(protocol, found);
        Assert.Equal(offset, at);
        Assert.False(isFragment);
    }

    [Theory]
    // RFC 8200 4.5: fragment offset 0 with M set is a first fragment.
    [InlineData("11 00 0001 12345678", true)]
    // RFC 8200 4.5: a non-first fragment (offset 185 = 1480 bytes), M set.
    [InlineData("11 00 05c9 12345678", true)]
    // RFC 8200 4.5: the last fragment (offset non-zero, M clear).
    [InlineData("11 00 05c8 12345678", true)]
    // RFC 6946: an atomic fragment (offset 0, M clear) is a whole packet.
    [InlineData("11 00 0000 12345678", false)]
    // RFC 8200 4.5: the two Res bits are ignored on receipt.
    [InlineData("11 00 0006 12345678", false)]
    public void TryFindUpperLayer_FragmentHeader_ReportsFragment(string fragment, bool expected)
    {
        var bytes = Packet(IpProtocol.Ipv6Fragment, fragment + Udp);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.True(ip.TryFindUpperLayer(out var protocol, out var offset, out var isFragment));
        Assert.Equal(IpProtocol.Udp, protocol);
        Assert.Equal(48, offset);
        Assert.Equal(expected, isFragment);
    }

    [Theory]
    // RFC 8200 4.3: a hop-by-hop header needs at least 8 bytes.
    [InlineData(IpProtocol.HopByHop, "11 00 0104")]
    // RFC 8200 4.3: Hdr Ext Len 1 claims 16 bytes, only 8 present.
    [InlineData(IpProtocol.HopByHop, "11 01 0104 00000000")]
    // RFC 8200 4.4: routing header claiming 255 * 8 + 8 bytes.
    [InlineData(IpProtocol.Ipv6Routing, "11 ff 0000 00000000 00000000")]
    // RFC 8200 4.5: a fragment header is 8 bytes.
    [InlineData(IpProtocol.Ipv6Fragment, "11 00 0001")]
    // RFC 4302 2.2: AH Payload Len 4 claims 24 bytes, only 12 present.
    [InlineData(IpProtocol.Ah, "11 04 0000 00000001 00000001")]
    // RFC 4302 2.2: AH shorter than its fixed 8 bytes.
    [InlineData(IpProtocol.Ah, "11 01 0000")]
    // A chain that ends exactly at Payload Length with another extension header still due.
    [InlineData(IpProtocol.Ipv6DestinationOptions, "00 00 0104 00000000")]
    public void TryFindUpperLayer_TruncatedChain_ReturnsFalse(byte first, string rest)
    {
        var bytes = Packet(first, rest);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.False(ip.TryFindUpperLayer(out _, out _, out _));
    }

    [Fact]
    public void TryFindUpperLayer_ChainInTrailingBytesPastPayloadLength_ReturnsFalse()
    {
        // The extension header is present in the span, but Payload Length says the packet ends before it.
        var bytes = Packet(IpProtocol.HopByHop, "11 00 0104 00000000" + Udp);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 4);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.False(ip.TryFindUpperLayer(out _, out _, out _));
    }

    [Theory]
    // The walker stops after MaxExtensionHeaders (8) rather than loop over an attacker's chain (RFC 8200 4.1, RFC 7112).
    [InlineData(8, true)]
    [InlineData(9, false)]
    [InlineData(40, false)]
    public void TryFindUpperLayer_ChainLength_BoundedByMaxExtensionHeaders(int count, bool accepted)
    {
        var rest = string.Concat(Enumerable.Repeat("3c 00 0104 00000000", count - 1)) + "11 00 0104 00000000" + Udp;
        var bytes = Packet(IpProtocol.Ipv6DestinationOptions, rest);
        Assert.True(Ipv6Header.TryRead(bytes, out var ip));
        Assert.Equal(accepted, ip.TryFindUpperLayer(out var protocol, out var offset, out _));
        if (accepted)
        {
            Assert.Equal(IpProtocol.Udp, protocol);
            Assert.Equal(40 + (8 * count), offset);
        }
    }
}
