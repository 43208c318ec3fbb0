using Hnv.Wire.Addressing;

namespace Hnv.Wire.Tests.Addressing;

[Trait("tier", "pure")]
public sealed class MacAddressTests
{
    [Theory]
    // IEEE 802 canonical text, colon and hyphen forms, either case.
    [InlineData("00:15:5d:01:02:03", 0x00155D010203UL)]
    [InlineData("00-15-5D-01-02-03", 0x00155D010203UL)]
    [InlineData("ff:ff:ff:ff:ff:ff", 0xFFFFFFFFFFFFUL)]
    [InlineData("00:00:00:00:00:00", 0UL)]
    public void TryParse_CanonicalText_ReadsValue(string text, ulong value)
    {
        Assert.True(MacAddress.TryParse(text, out var mac));
        Assert.Equal(value, mac.Value);
        Assert.Equal(mac, MacAddress.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00:15:5d:01:02")] // five octets
    [InlineData("00:15:5d:01:02:03:04")] // seven octets
    [InlineData("00.15.5d.01.02.03")] // dots are not IEEE 802 separators
    [InlineData("00:15:5d:01:02:0g")] // not hex
    [InlineData("0015:5d:01:02:03:")] // separator misplaced
    [InlineData("+0:15:5d:01:02:03")] // sign
    [InlineData(" 0:15:5d:01:02:03")] // whitespace
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(MacAddress.TryParse(text, out var mac));
        Assert.Equal(MacAddress.Zero, mac);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => MacAddress.Parse("not a mac"));

    [Fact]
    public void ToString_RoundTripsThroughParse_LowercaseColons()
    {
        var random = new Random(20260101);
        for (var i = 0; i < 1000; i++)
        {
            var mac = new MacAddress((ulong)random.NextInt64(0, 1L << 48));
            var text = mac.ToString();
            Assert.Equal(17, text.Length);
            Assert.Equal(text.ToLowerInvariant(), text);
            Assert.Equal(mac, MacAddress.Parse(text));
        }
    }

    [Fact]
    public void TryFormat_DestinationTooShort_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[16];
        Assert.False(new MacAddress(1).TryFormat(buffer, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void ReadWrite_NetworkOrder_RoundTrips()
    {
        var bytes = new byte[] { 0x00, 0x15, 0x5D, 0xAA, 0xBB, 0xCC };
        var mac = MacAddress.Read(bytes);
        Assert.Equal(0x00155DAABBCCUL, mac.Value);
        var written = new byte[6];
        mac.Write(written);
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Constructor_ValueWiderThan48Bits_KeepsLow48() =>
        Assert.Equal(0x0000_1234_5678_9ABCUL, new MacAddress(0xFFFF_1234_5678_9ABCUL).Value);

    [Theory]
    // IEEE 802: the I/G bit is the least significant bit of the first octet.
    [InlineData("01:00:5e:00:00:01", true, false)]
    [InlineData("33:33:00:00:00:01", true, false)]
    [InlineData("ff:ff:ff:ff:ff:ff", true, true)]
    [InlineData("00:15:5d:00:00:01", false, false)]
    [InlineData("02:00:00:00:00:01", false, false)] // U/L bit is not I/G
    public void IsMulticast_IgBit_Classifies(string text, bool multicast, bool broadcast)
    {
        var mac = MacAddress.Parse(text);
        Assert.Equal(multicast, mac.IsMulticast);
        Assert.Equal(broadcast, mac.IsBroadcast);
    }

    [Fact]
    public void Equality_SameValue_EqualAndSameHash()
    {
        var a = MacAddress.Parse("00:15:5d:01:02:03");
        var b = MacAddress.Parse("00-15-5D-01-02-03");
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, MacAddress.Broadcast);
    }
}
