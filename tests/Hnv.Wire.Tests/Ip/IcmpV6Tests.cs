using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class IcmpV6Tests
{
    private static readonly IpAddress Source = IpAddress.Parse("2001:db8::1");
    private static readonly IpAddress Target = IpAddress.Parse("2001:db8::2");

    [Fact]
    public void TryRead_EchoRequest_ReadsFieldsAndPseudoHeaderChecksumValidates()
    {
        // RFC 4443 section 4.1: type 128, id 0x1234, seq 1, payload "hnv!"; checksum over the RFC 8200 8.1 pseudo-header.
        var bytes = Hex.Bytes("8000 0000 1234 0001 686e7621");
        var sum = InternetChecksum.ComputeWithPseudoHeader(Source, Target, IpProtocol.Icmpv6, bytes);
        Assert.True(IcmpHeader.TryRead(bytes, out var icmp));
        icmp.Checksum = sum;
        Assert.Equal(IcmpV6.TypeEchoRequest, icmp.Type);
        Assert.Equal(0, icmp.Code);
        Assert.Equal(sum, icmp.Checksum);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(Source, Target, IpProtocol.Icmpv6, bytes));
        Assert.False(InternetChecksum.IsValidWithPseudoHeader(Source, Target, IpProtocol.Udp, bytes));
    }

    [Fact]
    public void TryRead_EveryLengthBelow8_ReturnsFalse()
    {
        var bytes = new byte[8];
        for (var length = 0; length < IcmpV6.HeaderLength; length++)
        {
            Assert.False(IcmpHeader.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Fact]
    public void WriteHeader_PacketTooBig_CarriesMtu()
    {
        // RFC 4443 section 3.2: type 2, code 0, 32-bit MTU.
        var bytes = new byte[8];
        bytes.AsSpan().Fill(0xEE);
        IcmpHeader.WriteHeader(bytes, IcmpV6.TypePacketTooBig, 0, 1280);
        Assert.Equal(Hex.Bytes("0200 0000 00000500"), bytes);
        Assert.True(IcmpHeader.TryRead(bytes, out var icmp));
        Assert.Equal(1280u, icmp.Mtu);
        icmp.Type = IcmpV6.TypeTimeExceeded;
        Assert.Equal(3, bytes[0]);
    }

    [Theory]
    // RFC 4443 and RFC 4861 section 4 type numbers.
    [InlineData(IcmpV6.TypeDestinationUnreachable, 1)]
    [InlineData(IcmpV6.TypePacketTooBig, 2)]
    [InlineData(IcmpV6.TypeTimeExceeded, 3)]
    [InlineData(IcmpV6.TypeEchoRequest, 128)]
    [InlineData(IcmpV6.TypeEchoReply, 129)]
    [InlineData(IcmpV6.TypeRouterSolicitation, 133)]
    [InlineData(IcmpV6.TypeRouterAdvertisement, 134)]
    [InlineData(IcmpV6.TypeNeighborSolicitation, 135)]
    [InlineData(IcmpV6.TypeNeighborAdvertisement, 136)]
    [InlineData(IcmpV6.TypeRedirect, 137)]
    public void Constant_MatchesRegistry(byte constant, int value) => Assert.Equal(value, constant);
}
