using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class NeighborDiscoveryTests
{
    // RFC 4861 section 4.3: NS for 2001:db8::2 with a source link-layer address option (type 1, length 1) 00:15:5d:01:02:03.
    private const string Solicitation = "8700 0000 00000000 20010db8000000000000000000000002 0101 00155d010203";

    [Fact]
    public void TryReadTarget_Solicitation_ReadsTarget()
    {
        Assert.True(NeighborDiscovery.TryReadTarget(Hex.Bytes(Solicitation), out var target));
        Assert.Equal(IpAddress.Parse("2001:db8::2"), target);
    }

    [Fact]
    public void TryReadTarget_EveryLengthBelow24_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Solicitation);
        for (var length = 0; length < NeighborDiscovery.MessageLength; length++)
        {
            Assert.False(NeighborDiscovery.TryReadTarget(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Fact]
    public void TryFindLinkLayerOption_SourceOption_Found()
    {
        var bytes = Hex.Bytes(Solicitation);
        Assert.True(NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionSourceLinkLayerAddress, out var mac, out var malformed));
        Assert.Equal(MacAddress.Parse("00:15:5d:01:02:03"), mac);
        Assert.False(malformed);
    }

    [Fact]
    public void TryFindLinkLayerOption_OtherOptionFirst_SkipsIt()
    {
        // RFC 4861 4.6.4: an MTU option (type 5, length 1) before the target link-layer address option.
        var bytes = Hex.Bytes("8800 0000 60000000 20010db8000000000000000000000002 0501 0000 000005dc 0201 00155d0a0b0c");
        Assert.True(NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionTargetLinkLayerAddress, out var mac, out var malformed));
        Assert.Equal(MacAddress.Parse("00:15:5d:0a:0b:0c"), mac);
        Assert.False(malformed);
    }

    [Theory]
    // Well-formed option lists without the wanted option: absent, not malformed.
    [InlineData("")]
    [InlineData("0201 00155d0a0b0c")]
    public void TryFindLinkLayerOption_Absent_FalseNotMalformed(string options)
    {
        var bytes = Hex.Bytes("8700 0000 00000000 20010db8000000000000000000000002" + options);
        Assert.False(NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionSourceLinkLayerAddress, out var mac, out var malformed));
        Assert.False(malformed);
        Assert.Equal(MacAddress.Zero, mac);
    }

    [Theory]
    // RFC 4861 4.6: "Nodes MUST silently discard an ND packet that contains an option with length zero."
    [InlineData("0100 00155d010203")]
    [InlineData("0201 00155d0a0b0c 0100 00155d010203")]
    // RFC 4861 4.6: an option whose length runs past the end of the message.
    [InlineData("0102 00155d010203")]
    [InlineData("01ff 00155d010203")]
    // A stray byte after the last option.
    [InlineData("0201 00155d0a0b0c 01")]
    public void TryFindLinkLayerOption_Malformed_FalseAndMalformed(string options)
    {
        var bytes = Hex.Bytes("8700 0000 00000000 20010db8000000000000000000000002" + options);
        Assert.False(NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionSourceLinkLayerAddress, out _, out var malformed));
        Assert.True(malformed);
    }

    [Fact]
    public void WriteSolicitation_MatchesRfcLayout()
    {
        var bytes = new byte[32];
        var written = NeighborDiscovery.WriteSolicitation(bytes, IpAddress.Parse("2001:db8::2"), MacAddress.Parse("00:15:5d:01:02:03"));
        Assert.Equal(32, written);
        Assert.Equal(Hex.Bytes(Solicitation), bytes);
    }

    [Fact]
    public void WriteAdvertisement_FlagsTargetAndOption_ReadBack()
    {
        // RFC 4861 4.4: R|S|O flags in the top bits of the first body word; target link-layer address option.
        var bytes = new byte[32];
        var flags = NeighborDiscovery.FlagSolicited | NeighborDiscovery.FlagOverride;
        var written = NeighborDiscovery.WriteAdvertisement(bytes, flags, IpAddress.Parse("2001:db8::2"), MacAddress.Parse("00:15:5d:0a:0b:0c"));
        Assert.Equal(32, written);
        Assert.Equal(Hex.Bytes("8800 0000 60000000 20010db8000000000000000000000002 0201 00155d0a0b0c"), bytes);
        Assert.True(NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionTargetLinkLayerAddress, out var mac, out _));
        Assert.Equal(MacAddress.Parse("00:15:5d:0a:0b:0c"), mac);
        Assert.Equal(0x8000_0000u, NeighborDiscovery.FlagRouter);
    }

    [Theory]
    // RFC 4291 section 2.7.1: ff02::1:ff00:0/104 plus the low 24 bits of the address.
    [InlineData("2001:db8::aabb:ccdd", "ff02::1:ffbb:ccdd")]
    [InlineData("fe80::1", "ff02::1:ff00:1")]
    [InlineData("::", "ff02::1:ff00:0")]
    public void SolicitedNodeAddress_LowBits_Appended(string target, string group) =>
        Assert.Equal(IpAddress.Parse(group), NeighborDiscovery.SolicitedNodeAddress(IpAddress.Parse(target)));
}
