using Hnv.Lab;

namespace Hnv.Cli.Tests.Lab;

/// <summary>A topology's gateways: what they resolve to, and each wrong field named.</summary>
[Trait("tier", "pure")]
public sealed class GatewayTopologyTests
{
    private static string WithGateways(string gateways) => (Topologies.Minimal() + $$"""

          - { name: vm3, host: host2, subnet: 6001, addresses: [10.9.0.10] }
        gateways:
        {{gateways}}
        """).Replace("routingDomains:\n", "routingDomains:\n  - name: green\n    subnets:\n      - { vsid: 6001, prefixes: [10.9.0.0/24] }\n", StringComparison.Ordinal);

    private const string Good = """
          - name: gw1
            domains:
              - { routingDomain: blue, forwards: [{ protocol: tcp, port: 8080, to: vm1, toPort: 80 }] }
              - { routingDomain: green, mode: forward }
        """;

    [Fact]
    public void Resolve_Gateway_GetsAPaTheOutsideAddressesAndItsDomains()
    {
        var topology = Topologies.Resolve(WithGateways(Good));

        var gateway = Assert.Single(topology.Gateways);
        Assert.Equal("t-gw1", gateway.Namespace);
        Assert.Equal(["192.0.2.3/24"], gateway.ProviderAddresses); // after host1 and host2
        Assert.Equal("203.0.113.2/24", gateway.ExternalLinkAddress);
        Assert.Equal("203.0.113.100", gateway.ExternalAddress);
        var blue = gateway.Domains[0];
        Assert.Equal(("nat", "10.0.0.10", 80), (blue.Mode, blue.Forwards[0].To, blue.Forwards[0].ToPort));
        Assert.Equal("forward", gateway.Domains[1].Mode);
        Assert.Equal(0, gateway.Priority);
    }

    [Theory]
    [InlineData("routingDomain: blue,", "routingDomain: purple,", "gateways[0].domains[0].routingDomain")]
    [InlineData("routingDomain: green, mode: forward", "routingDomain: blue, mode: forward", "gateways[0].domains[1].routingDomain")] // served twice
    [InlineData("mode: forward", "mode: masquerade", "gateways[0].domains[1].mode")]
    [InlineData("to: vm1,", "to: vm3,", "gateways[0].domains[0].forwards[0].to")] // another domain's VM
    [InlineData("protocol: tcp", "protocol: icmp", "gateways[0].domains[0].forwards[0].protocol")]
    [InlineData("port: 8080", "port: 0", "gateways[0].domains[0].forwards[0].port")]
    [InlineData("name: gw1", "name: vm2", "gateways[0].name")] // a VM's name: same namespace prefix
    [InlineData("name: gw1", "name: host1", "gateways[0].name")] // a host's name
    [InlineData("name: gw1", "name: out", "gateways[0].name")] // the outside network's namespace
    [InlineData("- { routingDomain: green, mode: forward }", "- { routingDomain: green, mode: forward, forwards: [{ protocol: tcp, port: 22, to: vm3 }] }", "gateways[0].domains[1].forwards")]
    public void Resolve_OneThingWrong_NamesTheField(string find, string replace, string field)
    {
        var yaml = WithGateways(Good.Replace(find, replace, StringComparison.Ordinal));
        Assert.NotEqual(WithGateways(Good), yaml);

        var e = Assert.Throws<LabException>(() => Topologies.Resolve(yaml));

        Assert.Contains(e.Problems, p => p.Field == field);
    }
}
