using Hnv.Wire.Addressing;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ethernet;

[Trait("tier", "pure")]
public sealed class EthernetFrameTests
{
    // An untagged IPv4 frame header as captured: dst 00:15:5d:aa:bb:cc, src 00:15:5d:01:02:03, type 0x0800.
    private const string Untagged = "00155daabbcc 00155d010203 0800 4500";

    // The same with an 802.1Q tag: PCP 5, DEI 0, VID 100.
    private const string Tagged = "00155daabbcc 00155d010203 8100 a064 86dd 6000";

    [Fact]
    public void TryRead_UntaggedFrame_ReadsFields()
    {
        var bytes = Hex.Bytes(Untagged);
        Assert.True(EthernetFrame.TryRead(bytes, out var frame));
        Assert.Equal(MacAddress.Parse("00:15:5d:aa:bb:cc"), frame.Destination);
        Assert.Equal(MacAddress.Parse("00:15:5d:01:02:03"), frame.Source);
        Assert.Equal(EtherTypes.Ipv4, frame.EtherType);
        Assert.False(frame.HasVlanTag);
        Assert.Equal(0, frame.VlanId);
        Assert.Equal(14, frame.HeaderLengthWithTags);
        Assert.Equal(new byte[] { 0x45, 0x00 }, frame.Payload.ToArray());
        Assert.Equal(bytes.Length, frame.Bytes.Length);
    }

    [Theory]
    // IEEE 802.1Q TPID and IEEE 802.1ad S-tag TPID.
    [InlineData("8100")]
    [InlineData("88a8")]
    public void TryRead_TaggedFrame_SkipsTag(string tpid)
    {
        var bytes = Hex.Bytes(Tagged.Replace("8100", tpid, StringComparison.Ordinal));
        Assert.True(EthernetFrame.TryRead(bytes, out var frame));
        Assert.True(frame.HasVlanTag);
        Assert.Equal(100, frame.VlanId);
        Assert.Equal(EtherTypes.Ipv6, frame.EtherType);
        Assert.Equal(18, frame.HeaderLengthWithTags);
        Assert.Equal(0x60, frame.Payload[0]);
    }

    [Fact]
    public void TryRead_EveryLengthBelowHeader_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Untagged);
        for (var length = 0; length < EthernetFrame.HeaderLength; length++)
        {
            Assert.False(EthernetFrame.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }

        Assert.True(EthernetFrame.TryRead(bytes.AsSpan(0, EthernetFrame.HeaderLength), out var empty));
        Assert.True(empty.Payload.IsEmpty);
    }

    [Fact]
    public void TryRead_TagCutShort_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Tagged);
        for (var length = 0; length < EthernetFrame.HeaderLength + EthernetFrame.VlanTagLength; length++)
        {
            Assert.False(EthernetFrame.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Fact]
    public void WriteHeader_ThenSetters_RoundTrip()
    {
        var bytes = new byte[20];
        EthernetFrame.WriteHeader(bytes, MacAddress.Broadcast, MacAddress.Parse("00:15:5d:01:02:03"), EtherTypes.Arp);
        Assert.Equal(Hex.Bytes("ffffffffffff 00155d010203 0806"), bytes[..14]);

        Assert.True(EthernetFrame.TryRead(bytes, out var frame));
        frame.Destination = MacAddress.Parse("00:15:5d:00:00:09");
        frame.Source = MacAddress.Parse("00:15:5d:00:00:08");
        frame.EtherType = EtherTypes.Ipv6;
        Assert.Equal(Hex.Bytes("00155d000009 00155d000008 86dd"), bytes[..14]);
    }
}
