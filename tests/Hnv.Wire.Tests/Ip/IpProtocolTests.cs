using Hnv.Wire.Ip;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class IpProtocolTests
{
    [Theory]
    // IANA protocol numbers; RFC 8200 section 4 for the IPv6 extension headers.
    [InlineData(IpProtocol.HopByHop, 0)]
    [InlineData(IpProtocol.Icmp, 1)]
    [InlineData(IpProtocol.Tcp, 6)]
    [InlineData(IpProtocol.Udp, 17)]
    [InlineData(IpProtocol.Ipv6Routing, 43)]
    [InlineData(IpProtocol.Ipv6Fragment, 44)]
    [InlineData(IpProtocol.Gre, 47)]
    [InlineData(IpProtocol.Esp, 50)]
    [InlineData(IpProtocol.Ah, 51)]
    [InlineData(IpProtocol.Icmpv6, 58)]
    [InlineData(IpProtocol.Ipv6NoNext, 59)]
    [InlineData(IpProtocol.Ipv6DestinationOptions, 60)]
    public void Constant_MatchesIanaRegistry(byte constant, int registered) => Assert.Equal(registered, constant);
}
