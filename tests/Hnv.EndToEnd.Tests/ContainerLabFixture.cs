namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Two hosts with containers beside a VM: c1 and c3 are wired as a container runtime wires them (a veth pair), and
/// the agents attach the host ends (existingInterface); b2 is a TAP VM on c3's host.
/// </summary>
public sealed class ContainerLabFixture() : LabFixture("ec", """
    underlay: { mtu: 1500, family: ipv4 }
    hosts: [host1, host2]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }
    vms:
      - { name: c1, host: host1, subnet: 5001, addresses: [10.0.0.10, fd00:b::10], nic: veth }
      - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11, fd00:b::11] }
      - { name: c3, host: host2, subnet: 5001, addresses: [10.0.0.12, fd00:b::12], nic: veth }
    """);

[CollectionDefinition(Name)]
public sealed class ContainerLab : ICollectionFixture<ContainerLabFixture>
{
    public const string Name = "container lab";
}
