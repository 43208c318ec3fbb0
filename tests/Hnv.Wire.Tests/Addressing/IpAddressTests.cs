using System.Net;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Tests.Addressing;

[Trait("tier", "pure")]
public sealed class IpAddressTests
{
    [Theory]
    // RFC 791 dotted quad.
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    // RFC 4291 section 2.2 text forms; RFC 5952 section 4 canonical output.
    [InlineData("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a")]
    [InlineData("fe80::1", "fe80::1")]
    [InlineData("::", "::")]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1")]
    public void TryParse_ValidText_FormatsCanonically(string text, string canonical)
    {
        Assert.True(IpAddress.TryParse(text, out var address));
        Assert.Equal(canonical, address.ToString());
        Assert.Equal(address, IpAddress.Parse(canonical));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")] // inet_aton single number
    [InlineData("1.2")] // inet_aton a.b form
    [InlineData("1.2.3")] // inet_aton a.b.c form
    [InlineData("256.0.0.1")] // octet out of range
    [InlineData("fe80::1%eth0")] // RFC 4007 zone index: not an address
    [InlineData("fe80::1%3")] // RFC 4007 numeric zone index
    [InlineData("1::2::3")] // RFC 4291 2.2: "::" at most once
    [InlineData("example.com")]
    public void TryParse_NotAnAddress_ReturnsFalse(string? text)
    {
        Assert.False(IpAddress.TryParse(text, out var address));
        Assert.Equal(default, address);
    }

    [Theory]
    // inet_aton octal and hex parts (the class of CVE-2021-29921): "010.0.0.1" must not silently become 8.0.0.1.
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    public void TryParse_InetAtonOctalOrHexParts_ReturnsFalse(string text) =>
        Assert.False(IpAddress.TryParse(text, out _), $"'{text}' was accepted as {(IpAddress.TryParse(text, out var a) ? a.ToString() : "?")}");

    [Fact]
    public void Parse_Malformed_ThrowsFormatException() => Assert.Throws<FormatException>(() => IpAddress.Parse("1.2"));

    [Fact]
    public void FamilyIsPartOfEquality_V4AndMappedV6_Differ()
    {
        var v4 = IpAddress.Parse("10.0.0.1");
        var v6 = IpAddress.FromV6(0x0A000001);
        Assert.Equal(v4.Value, v6.Value);
        Assert.NotEqual(v4, v6);
        Assert.True(v4 != v6);
        Assert.True(v4.IsV4);
        Assert.True(v6.IsV6);
        Assert.Equal((4, 32), (v4.ByteLength, v4.BitLength));
        Assert.Equal((16, 128), (v6.ByteLength, v6.BitLength));
    }

    [Fact]
    public void ReadWrite_NetworkOrder_RoundTrips()
    {
        var v4Bytes = new byte[] { 192, 0, 2, 1 };
        var v4 = IpAddress.ReadV4(v4Bytes);
        Assert.Equal(0xC0000201u, v4.V4Value);
        var v6Bytes = Convert.FromHexString("20010db8000000000000000000000001");
        var v6 = IpAddress.ReadV6(v6Bytes);
        Assert.Equal("2001:db8::1", v6.ToString());

        var out4 = new byte[4];
        var out6 = new byte[16];
        v4.Write(out4);
        v6.Write(out6);
        Assert.Equal(v4Bytes, out4);
        Assert.Equal(v6Bytes, out6);
    }

    [Fact]
    public void FormatAndParse_RandomAddresses_RoundTrip()
    {
        var random = new Random(4291);
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < 2000; i++)
        {
            var address = Support.RandomFrames.Address(random, v6: i % 2 == 1);
            var text = address.ToString();
            Assert.Equal(address, IpAddress.Parse(text));
            Assert.True(address.TryFormat(buffer, out var written));
            Assert.Equal(text, new string(buffer[..written]));
            Assert.Equal(address, IpAddress.FromIPAddress(address.ToIPAddress()));
            Assert.Equal(text, address.ToIPAddress().ToString());
        }
    }

    [Fact]
    public void TryFormat_DestinationTooShort_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[6];
        Assert.False(IpAddress.Parse("192.168.100.200").TryFormat(buffer, out _));
    }

    [Theory]
    [InlineData("10.1.2.3", 0, "0.0.0.0")]
    [InlineData("10.1.2.3", 8, "10.0.0.0")]
    [InlineData("10.1.2.3", 23, "10.1.2.0")]
    [InlineData("10.1.3.3", 23, "10.1.2.0")]
    [InlineData("10.1.2.3", 32, "10.1.2.3")]
    [InlineData("10.1.2.3", 40, "10.1.2.3")] // clamped to the family's width
    [InlineData("10.1.2.3", -1, "0.0.0.0")]
    [InlineData("2001:db8:aaaa:bbbb::1", 0, "::")]
    [InlineData("2001:db8:aaaa:bbbb::1", 32, "2001:db8::")]
    [InlineData("2001:db8:aaaa:bbbb::1", 63, "2001:db8:aaaa:bbba::")]
    [InlineData("2001:db8:aaaa:bbbb::1", 127, "2001:db8:aaaa:bbbb::")]
    [InlineData("2001:db8:aaaa:bbbb::1", 128, "2001:db8:aaaa:bbbb::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, "8000::")]
    public void Mask_PrefixLength_ClearsHostBits(string address, int length, string masked) =>
        Assert.Equal(IpAddress.Parse(masked), IpAddress.Parse(address).Mask(length));

    [Theory]
    // RFC 5771 (224/4), RFC 4291 2.7 (ff00::/8), RFC 4291 2.5.6 (fe80::/10).
    [InlineData("224.0.0.1", true, false, false)]
    [InlineData("239.255.255.255", true, false, false)]
    [InlineData("223.255.255.255", false, false, false)]
    [InlineData("240.0.0.1", false, false, false)]
    [InlineData("ff02::1", true, false, false)]
    [InlineData("fe80::1", false, true, false)]
    [InlineData("febf:ffff::1", false, true, false)]
    [InlineData("fec0::1", false, false, false)]
    [InlineData("0.0.0.0", false, false, true)]
    [InlineData("::", false, false, true)]
    public void Classification_WellKnownRanges_Recognised(string text, bool multicast, bool linkLocal, bool unspecified)
    {
        var address = IpAddress.Parse(text);
        Assert.Equal(multicast, address.IsMulticast);
        Assert.Equal(linkLocal, address.IsV6LinkLocal);
        Assert.Equal(unspecified, address.IsUnspecified);
    }

    [Fact]
    public void Add_PastTheTop_WrapsWithinFamily()
    {
        Assert.Equal(IpAddress.Parse("10.0.1.0"), IpAddress.Parse("10.0.0.255").Add(1));
        Assert.Equal(IpAddress.Parse("0.0.0.1"), IpAddress.Parse("255.255.255.255").Add(2));
        Assert.Equal(IpAddress.Parse("2001:db8::1:0"), IpAddress.Parse("2001:db8::ffff").Add(1));
    }

    [Fact]
    public void Any_Constants_AreUnspecifiedOfEachFamily()
    {
        Assert.Equal(IpAddress.Parse("0.0.0.0"), IpAddress.AnyV4);
        Assert.Equal(IpAddress.Parse("::"), IpAddress.AnyV6);
        Assert.Equal(IPAddress.IPv6Any, IpAddress.AnyV6.ToIPAddress());
    }

    [Fact]
    public void GetHashCode_EqualAddresses_EqualHashes()
    {
        Assert.Equal(IpAddress.Parse("2001:db8::1").GetHashCode(), IpAddress.Parse("2001:DB8:0::1").GetHashCode());
        Assert.True(IpAddress.Parse("10.0.0.1").Equals((object)IpAddress.Parse("10.0.0.1")));
    }
}
