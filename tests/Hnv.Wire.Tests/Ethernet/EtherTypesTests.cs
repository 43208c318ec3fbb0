using Hnv.Wire.Ethernet;

namespace Hnv.Wire.Tests.Ethernet;

[Trait("tier", "pure")]
public sealed class EtherTypesTests
{
    [Theory]
    // IEEE 802 / IANA EtherType registry.
    [InlineData(EtherTypes.Ipv4, 0x0800)]
    [InlineData(EtherTypes.Arp, 0x0806)]
    [InlineData(EtherTypes.Vlan, 0x8100)]
    [InlineData(EtherTypes.QinQ, 0x88A8)]
    [InlineData(EtherTypes.Ipv6, 0x86DD)]
    // RFC 7637 section 3.2: NVGRE's protocol type is transparent Ethernet bridging.
    [InlineData(EtherTypes.TransparentEthernetBridging, 0x6558)]
    public void Constant_MatchesRegistry(ushort constant, int registered) => Assert.Equal(registered, constant);
}
