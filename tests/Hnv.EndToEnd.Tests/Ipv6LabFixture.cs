namespace Hnv.EndToEnd.Tests;

/// <summary>Two hosts over IPv6 PAs only: IPv4 and IPv6 CAs both travel over IPv6.</summary>
public sealed class Ipv6LabFixture() : LabFixture("e6", """
    underlay: { mtu: 1500, family: ipv6 }
    hosts: [host1, host2]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }
    vms:
      - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10, fd00:b::10] }
      - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11, fd00:b::11] }
    """);

[CollectionDefinition(Name)]
public sealed class Ipv6Lab : ICollectionFixture<Ipv6LabFixture>
{
    public const string Name = "ipv6 lab";
}
