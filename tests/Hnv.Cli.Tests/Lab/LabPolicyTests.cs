using System.Text.Json;
using Hnv.Lab.Fabric;
using Hnv.Lab.State;
using Hnv.Lab.Topology;
using Hnv.Policy.Validation;

namespace Hnv.Cli.Tests.Lab;

[Trait("tier", "pure")]
public sealed class LabPolicyTests
{
    [Theory]
    [InlineData("ipv4")]
    [InlineData("ipv6")]
    [InlineData("dual")]
    public void Build_Minimal_ValidatesWithNoProblems(string family)
    {
        var document = LabPolicy.Build(Topologies.Resolve(Topologies.Minimal(family: family)));

        Assert.Empty(PolicyValidator.Validate(document, out var set));
        Assert.NotNull(set);
    }

    [Fact]
    public void Build_EveryVmCa_HasARecordToItsMacAndHostPa()
    {
        var topology = Topologies.Resolve(Topologies.Minimal());

        var document = LabPolicy.Build(topology);

        Assert.Equal(4, document.LookupRecords.Count); // two VMs, two CAs each
        var vm2 = topology.Vms[1];
        Assert.Contains(document.LookupRecords, r => r.Ca == "10.0.0.11" && r.Vsid == 5001 && r.Mac == vm2.Mac && r.Pa == "192.0.2.2");
        Assert.Contains(document.LookupRecords, r => r.Ca == "fd00:b::a" && r.Mac == vm2.Mac && r.Pa == "192.0.2.2");
        Assert.Equal(["host1", "host2"], document.ProviderAddresses.Select(p => p.Host));
        Assert.All(document.ProviderAddresses, p => Assert.Equal(24, p.PrefixLength));
    }

    [Fact]
    public void Build_Dual_CarriesEachCaOverThePaOfItsFamily()
    {
        var document = LabPolicy.Build(Topologies.Resolve(Topologies.Minimal(family: "dual")));

        Assert.Contains(document.LookupRecords, r => r.Ca == "10.0.0.10" && r.Pa == "192.0.2.1");
        Assert.Contains(document.LookupRecords, r => r.Ca == "fd00:b::10" && r.Pa == "2001:db8::1");
    }

    [Fact]
    public void Build_Demo_TwoTenantsShareCas()
    {
        var topology = TopologyResolver.Resolve(TopologyReader.ReadFile(Path.Combine(Topologies.ExamplesFolder(), "demo.yaml")));

        var document = LabPolicy.Build(topology);

        Assert.Empty(PolicyValidator.Validate(document, out _));
        Assert.Equal(2, document.LookupRecords.Count(r => r.Ca == "10.0.0.10"));
        Assert.Equal(2, document.RoutingDomains.Select(d => d.Rdid).Distinct().Count());
        Assert.Equal(topology.Vms.Sum(v => v.Addresses.Count), document.LookupRecords.Count(r => r.Type is null));

        // gw1's records are the controller's to derive; the lab gives it the gateway's PA only.
        Assert.DoesNotContain(document.LookupRecords, r => r.Type == "GatewayWildcard");
        Assert.Contains(document.ProviderAddresses, p => p.Host == "gw1");
    }

    [Fact]
    public void AgentConfig_UnderlayGsoFalse_ReachesTheAgents()
    {
        var topology = Topologies.Resolve(Topologies.Minimal().Replace("family: ipv4 }", "family: ipv4, gso: false }", StringComparison.Ordinal));
        var builder = new LabBuilder(topology, ["hnv-agent"], ["hnv-controller"], [], TimeSpan.FromSeconds(1), TextWriter.Null);

        Assert.False(topology.Gso);
        Assert.All(topology.Hosts, host => Assert.False(builder.AgentConfigFor(host).Underlay!.Gso));
    }

    [Fact]
    public void AgentConfig_IsTheAgentsOwnTypeWithTheLabsFields()
    {
        var topology = Topologies.Resolve(Topologies.Minimal());
        var builder = new LabBuilder(topology, ["hnv-agent"], ["hnv-controller"], [], TimeSpan.FromSeconds(1), TextWriter.Null);

        var json = JsonSerializer.Serialize(builder.AgentConfigFor(topology.Hosts[0]), LabJsonContext.Default.AgentConfig);

        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        Assert.Equal(["host", "underlay", "controller", "apiSocket", "metrics", "ports"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("host1", root.GetProperty("host").GetString());
        Assert.Equal("127.0.0.1:9464", root.GetProperty("metrics").GetString()); // in the host's own namespace
        Assert.Equal(["interface", "mtu", "gso", "providerAddresses"], root.GetProperty("underlay").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("underlay").GetProperty("gso").GetBoolean()); // the kernel segments super-frames unless the topology says no
        Assert.Equal("192.0.2.1", root.GetProperty("underlay").GetProperty("providerAddresses")[0].GetString());
        var controller = root.GetProperty("controller");
        Assert.Equal(["address", "tokenFile", "cacheFile"], controller.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("unix:/", controller.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/t/controller.sock", controller.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/t/host1.token", controller.GetProperty("tokenFile").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/t/host1.policy.json", controller.GetProperty("cacheFile").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/t/host1.sock", root.GetProperty("apiSocket").GetString(), StringComparison.Ordinal);
        var port = Assert.Single(root.GetProperty("ports").EnumerateArray());
        Assert.Equal(["name", "namespace", "interfaceName", "mac", "vsid", "addresses"], port.EnumerateObject().Select(p => p.Name));
        Assert.Equal("t-vm1", port.GetProperty("namespace").GetString());
        Assert.Equal("eth0", port.GetProperty("interfaceName").GetString());
        Assert.Equal(5001, port.GetProperty("vsid").GetInt64());
        Assert.Equal(["10.0.0.10", "fd00:b::10"], port.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
    }
}
