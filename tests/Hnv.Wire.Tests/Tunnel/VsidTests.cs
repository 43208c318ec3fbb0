using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Tunnel;

[Trait("tier", "pure")]
public sealed class VsidTests
{
    [Theory]
    // RFC 7637 section 3.2: 0-0xFFF reserved for future use, 0xFFFFFF reserved for vendor-specific NVE-NVA use.
    [InlineData(0u, false)]
    [InlineData(1u, false)]
    [InlineData(0xFFFu, false)]
    [InlineData(0x1000u, true)]
    [InlineData(0x123456u, true)]
    [InlineData(0xFFFFFEu, true)]
    [InlineData(0xFFFFFFu, false)]
    [InlineData(0x1000000u, false)] // wider than 24 bits
    public void IsValid_Value_ReflectsReservedRanges(uint value, bool valid) => Assert.Equal(valid, new Vsid(value).IsValid);

    [Fact]
    public void MinMax_AreUsableBounds()
    {
        Assert.Equal(0x1000u, Vsid.Min);
        Assert.Equal(0xFFFFFEu, Vsid.Max);
    }

    [Fact]
    public void Comparison_OrdersByValue()
    {
        var a = new Vsid(5000);
        var b = new Vsid(6000);
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= new Vsid(5000));
        Assert.True(a >= new Vsid(5000));
        Assert.True(a.CompareTo(b) < 0);
        Assert.Equal(new Vsid(5000), a);
        Assert.Equal("5000", a.ToString());
    }
}
