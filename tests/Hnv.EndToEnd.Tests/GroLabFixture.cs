namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Two hosts whose underlay NICs merge what they receive (GRO), as physical NICs do; host2 has a VM on a TAP and a
/// container on a veth. The agents split TCP super-frames themselves (gso: false): sent whole, as by default, they
/// would cross the fabric whole and leave the NICs' GRO nothing to merge.
/// </summary>
public sealed class GroLabFixture() : LabFixture("eg", """
    underlay: { mtu: 1500, family: ipv4, gro: true, gso: false }
    hosts: [host1, host2]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }
    vms:
      - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10, fd00:b::10] }
      - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11, fd00:b::11] }
      - { name: c2, host: host2, subnet: 5001, addresses: [10.0.0.12, fd00:b::12], nic: veth }
    """);

[CollectionDefinition(Name)]
public sealed class GroLab : ICollectionFixture<GroLabFixture>
{
    public const string Name = "gro lab";
}
