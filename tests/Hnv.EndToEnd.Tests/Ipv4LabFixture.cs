namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Two tenants with the same CAs on three hosts over IPv4 PAs (the README demo's shape), plus a second blue VM
/// on host1 for same-host traffic: blue b1, b4 on host1, b2 on host2, b3 on host3; red r1 on host1, r2 on host3.
/// </summary>
public sealed class Ipv4LabFixture() : LabFixture("e4", """
    underlay: { mtu: 1500, family: ipv4 }
    hosts: [host1, host2, host3]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }
      - name: red
        subnets:
          - { vsid: 6001, prefixes: [10.0.0.0/24, fd00:b::/64] }
    vms:
      - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10, fd00:b::10] }
      - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11, fd00:b::11] }
      - { name: b3, host: host3, subnet: 5001, addresses: [10.0.0.12, fd00:b::12] }
      - { name: b4, host: host1, subnet: 5001, addresses: [10.0.0.13, fd00:b::13] }
      - { name: r1, host: host1, subnet: 6001, addresses: [10.0.0.10, fd00:b::10] }
      - { name: r2, host: host3, subnet: 6001, addresses: [10.0.0.11, fd00:b::11] }
    """);

[CollectionDefinition(Name)]
public sealed class Ipv4Lab : ICollectionFixture<Ipv4LabFixture>
{
    public const string Name = "ipv4 lab";
}
