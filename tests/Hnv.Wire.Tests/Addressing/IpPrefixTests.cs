using Hnv.Wire.Addressing;

namespace Hnv.Wire.Tests.Addressing;

[Trait("tier", "pure")]
public sealed class IpPrefixTests
{
    [Theory]
    // RFC 4632 section 3.1 / RFC 4291 section 2.3 prefix notation.
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.0.0.0/24", "10.0.0.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("192.0.2.1/32", "192.0.2.1/32")]
    [InlineData("10.0.0.1/24", "10.0.0.0/24")] // host bits cleared when not required masked
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8::1/64", "2001:db8::/64")]
    [InlineData("::/0", "::/0")]
    [InlineData("fe80::1/128", "fe80::1/128")]
    public void TryParse_ValidText_RoundTripsAsMasked(string text, string canonical)
    {
        Assert.True(IpPrefix.TryParse(text, out var prefix));
        Assert.Equal(canonical, prefix.ToString());
        Assert.Equal(prefix, IpPrefix.Parse(prefix.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0.0")] // no length
    [InlineData("10.0.0.0/")] // empty length
    [InlineData("/8")] // no address
    [InlineData("10.0.0.0/33")] // RFC 4632: IPv4 lengths are 0-32
    [InlineData("2001:db8::/129")] // RFC 4291: IPv6 lengths are 0-128
    [InlineData("10.0.0.0/-1")] // sign
    [InlineData("10.0.0.0/+8")] // sign
    [InlineData("10.0.0.0/ 8")] // whitespace
    [InlineData("10.0.0.0/0008")] // more than three digits
    [InlineData("10.0.0.0/8/8")]
    [InlineData("1.2/8")] // inet_aton form of the address
    [InlineData("fe80::%eth0/64")] // RFC 4007 zone index
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(IpPrefix.TryParse(text, out var prefix));
        Assert.Equal(default, prefix);
    }

    [Theory]
    // Host bits set after the prefix length are refused when the caller asks for a masked prefix.
    [InlineData("10.0.0.1/24", false)]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("10.0.1.0/23", false)]
    [InlineData("2001:db8::1/64", false)]
    [InlineData("2001:db8::/64", true)]
    [InlineData("0.0.0.0/0", true)]
    public void TryParse_RequireMasked_RefusesHostBits(string text, bool accepted) =>
        Assert.Equal(accepted, IpPrefix.TryParse(text, out _, requireMasked: true));

    [Fact]
    public void Parse_Malformed_ThrowsFormatException() => Assert.Throws<FormatException>(() => IpPrefix.Parse("10.0.0.0/33"));

    [Theory]
    [InlineData("10.0.0.0", 33)]
    [InlineData("10.0.0.0", -1)]
    [InlineData("::", 129)]
    public void Constructor_LengthOutOfRange_Throws(string address, int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpPrefix(IpAddress.Parse(address), length));

    [Fact]
    public void Constructor_HostBits_AreCleared()
    {
        var prefix = new IpPrefix(IpAddress.Parse("10.1.2.3"), 16);
        Assert.Equal(IpAddress.Parse("10.1.0.0"), prefix.Address);
        Assert.Equal(16, prefix.Length);
        Assert.False(prefix.IsV6);
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0", false)]
    [InlineData("10.0.0.0/24", "9.255.255.255", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "::", false)] // family is part of containment
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("192.0.2.7/32", "192.0.2.7", true)]
    [InlineData("192.0.2.7/32", "192.0.2.6", false)]
    public void Contains_Address_ByPrefixBits(string prefix, string address, bool expected) =>
        Assert.Equal(expected, IpPrefix.Parse(prefix).Contains(IpAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true, true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/8", false, true)]
    [InlineData("10.0.0.0/16", "10.1.0.0/16", false, false)]
    [InlineData("10.0.0.0/24", "10.0.0.0/24", true, true)]
    [InlineData("10.0.0.0/24", "10.0.0.128/25", true, true)]
    [InlineData("0.0.0.0/0", "192.0.2.0/24", true, true)]
    [InlineData("0.0.0.0/0", "::/0", false, false)]
    [InlineData("2001:db8::/32", "2001:db8:1::/48", true, true)]
    [InlineData("2001:db8:1::/48", "2001:db8:2::/48", false, false)]
    public void ContainsAndOverlaps_PrefixPairs_AsExpected(string a, string b, bool aContainsB, bool overlap)
    {
        var pa = IpPrefix.Parse(a);
        var pb = IpPrefix.Parse(b);
        Assert.Equal(aContainsB, pa.Contains(pb));
        Assert.Equal(overlap, pa.Overlaps(pb));
        Assert.Equal(overlap, pb.Overlaps(pa));
    }

    [Fact]
    public void Equality_SameNetworkAndLength_Equal()
    {
        var a = IpPrefix.Parse("10.0.0.1/24");
        var b = IpPrefix.Parse("10.0.0.0/24");
        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != IpPrefix.Parse("10.0.0.0/25"));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.255")]
    [InlineData("10.0.0.8/29", "10.0.0.15")]
    [InlineData("10.0.0.7/32", "10.0.0.7")]
    [InlineData("0.0.0.0/0", "255.255.255.255")]
    [InlineData("2001:db8:1::/64", "2001:db8:1::ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    [InlineData("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Last_IsTheHighestAddressInside(string prefix, string last)
    {
        var p = IpPrefix.Parse(prefix);

        Assert.Equal(IpAddress.Parse(last), p.Last);
        Assert.True(p.Contains(p.Last));
    }
}
