
using Hnv.Lab;
using Hnv.Lab.Topology;

namespace Hnv.Cli.Tests.Lab;

[Trait("tier", "pure")]
public sealed class TopologyResolverTests
{
    [Theory]
    [InlineData("name: t", "name: Bad-Name", "name")] // not a lab name: '-' would make prefixes ambiguous
    [InlineData("name: t", "name: waytoolongname", "name")] // '<name>-fab' over 15 characters
    [InlineData("family: ipv4", "family: ipx", "underlay.family")]
    [InlineData("mtu: 1500", "mtu: 100", "underlay.mtu")]
    [InlineData("mtu: 1500", "mtu: 1300", "underlay.mtu")] // VM NIC 1258 < IPv6's 1280
    [InlineData("hosts: [host1, host2]", "hosts: [host1, host1]", "hosts[1].name")] // duplicate host
    [InlineData("hosts: [host1, host2]", "hosts: [host1, { name: host2, providerAddresses: [2001:db8::9] }]", "hosts[1].providerAddresses[0]")] // IPv6 PA on an ipv4 underlay
    [InlineData("hosts: [host1, host2]", "hosts: [host1, { name: host2, providerAddresses: [10.1.1.1] }]", "hosts[1].providerAddresses[0]")] // outside the documentation ranges
    [InlineData("hosts: [host1, host2]", "hosts: [{ name: host1, providerAddresses: [192.0.2.5] }, { name: host2, providerAddresses: [192.0.2.5] }]", "hosts[1].providerAddresses[0]")] // one PA, two hosts
    [InlineData("hosts: [host1, host2]", "hosts: [{ name: host1, providerAddresses: [192.0.2.5] }, { name: host2, providerAddresses: [198.51.100.5] }]", "hosts")] // PAs on two fabric subnets
    [InlineData("hosts: [host1, host2]", "hosts: [host1, fab]", "hosts[1].name")] // reserved for the fabric
    [InlineData("hosts: [host1, host2]", "hosts: [host1, hostnumbertwoo]", "hosts[1].name")] // t-hostnumbertwoo is 16 characters
    [InlineData("vsid: 5001", "vsid: 4095", "routingDomains[0].subnets[0].vsid")] // reserved (RFC 7637)
    [InlineData("10.0.0.0/24, fd00", "10.0.0.1/24, fd00", "routingDomains[0].subnets[0].prefixes[0]")] // host bits set
    [InlineData("- name: blue", "- name: ''", "routingDomains[0].name")]
    [InlineData("host: host2", "host: host9", "vms[1].host")] // unknown host
    [InlineData("subnet: 5001 }", "subnet: 5002 }", "vms[1].subnet")] // VSID not declared
    [InlineData("[10.0.0.10, fd00:b::10]", "[10.0.1.10, fd00:b::10]", "vms[0].addresses[0]")] // outside the subnet
    [InlineData("[10.0.0.10, fd00:b::10]", "[10.0.0.1, fd00:b::10]", "vms[0].addresses[0]")] // the default router's address
    [InlineData("[10.0.0.10, fd00:b::10]", "[10.0.0.10, nonsense]", "vms[0].addresses[1]")]
    [InlineData("name: vm2,", "name: vm1,", "vms[1].name")] // duplicate VM name
    [InlineData("name: vm2,", "name: host1,", "vms[1].name")] // a host's name: same namespace
    [InlineData("name: vm2,", "name: averyverylongvm,", "vms[1].name")] // t-averyverylongvm > 15
    [InlineData("name: vm2,", "name: eth0,", "vms[1].name")] // the NIC is made in the host's namespace under the VM's name
    [InlineData("subnet: 5001 }", "subnet: 5001, mac: ff:ff:ff:ff:ff:ff }", "vms[1].mac")] // not unicast
    [InlineData("subnet: 5001 }", "subnet: 5001, nic: macvtap }", "vms[1].nic")] // tap or veth
    public void Resolve_OneThingWrong_NamesTheField(string find, string replace, string field)
    {
        var yaml = Topologies.Minimal().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Topologies.Minimal(), yaml);

        var e = Assert.Throws<LabException>(() => Topologies.Resolve(yaml));

        Assert.Contains(e.Problems, p => p.Field == field);
    }

    [Fact]
    public void Resolve_DuplicateCaInOneTenant_NamesTheSecondVm()
    {
        var yaml = Topologies.Minimal().Replace("subnet: 5001 }", "subnet: 5001, addresses: [10.0.0.10] }", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => Topologies.Resolve(yaml));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("vms[1].addresses[0]", problem.Field);
        Assert.Contains("vms[0].addresses[0]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKey_SaysLineAndColumn()
    {
        var yaml = Topologies.Minimal().Replace("subnet: 5001 }", "subnet: 5001, colour: red }", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => Topologies.Resolve(yaml));

        Assert.Contains("line 10", e.Message, StringComparison.Ordinal);
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Everything_ListsEveryProblem()
    {
        var e = Assert.Throws<LabException>(() => Topologies.Resolve("name: t\nhosts: []\n"));

        Assert.Equal(["hosts", "routingDomains", "vms"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Resolve_LeftOut_AssignsPasCasAndMacs()
    {
        var topology = Topologies.Resolve(Topologies.Minimal());

        Assert.Equal(["192.0.2.1/24"], topology.Hosts[0].ProviderAddresses);
        Assert.Equal(["192.0.2.2/24"], topology.Hosts[1].ProviderAddresses);
        Assert.Equal(["10.0.0.11/24", "fd00:b::a/64"], topology.Vms[1].Addresses); // .10 is vm1's
        Assert.Equal(["10.0.0.1", "fd00:b::1"], topology.Vms[1].DefaultRouters);
        Assert.Equal("t-vm2", topology.Vms[1].Namespace);
        Assert.Equal(1500 - 42, topology.VmMtu);
        Assert.All(topology.Vms, v => Assert.StartsWith("02:", v.Mac, StringComparison.Ordinal)); // locally administered unicast
        Assert.NotEqual(topology.Vms[0].Mac, topology.Vms[1].Mac);
    }

    [Theory]
    [InlineData("subnet: 5001 }", false)] // the agent makes a TAP unless told
    [InlineData("subnet: 5001, nic: veth }", true)]
    [InlineData("subnet: 5001, nic: tap }", false)]
    public void Resolve_Nic_VethOnlyWhenAsked(string find, bool veth)
    {
        var topology = Topologies.Resolve(Topologies.Minimal().Replace("subnet: 5001 }", find, StringComparison.Ordinal));

        Assert.Equal(veth, topology.Vms[1].Veth);
        Assert.False(topology.Vms[0].Veth);
    }

    [Theory]
    [InlineData("{ mtu: 1500 }", false)] // a veth merges nothing unless asked
    [InlineData("{ mtu: 1500, gro: true }", true)]
    [InlineData("{ mtu: 1500, gro: false }", false)]
    public void Resolve_Gro_KeptForTheFabric(string underlay, bool gro)
    {
        var topology = Topologies.Resolve(Topologies.Minimal().Replace("{ mtu: 1500, family: ipv4 }", underlay, StringComparison.Ordinal));

        Assert.Equal(gro, topology.Gro);
    }

    [Fact]
    public void Resolve_SameFileTwice_SameAssignments()
    {
        var first = Topologies.Resolve(Topologies.Minimal());
        var second = Topologies.Resolve(Topologies.Minimal());

        Assert.Equal(first.Vms.Select(v => v.Mac), second.Vms.Select(v => v.Mac));
        Assert.Equal(first.Hosts.SelectMany(h => h.ProviderAddresses), second.Hosts.SelectMany(h => h.ProviderAddresses));
        Assert.Equal(first.RoutingDomains[0].Rdid, second.RoutingDomains[0].Rdid);
    }

    [Fact]
    public void Resolve_OtherLabName_OtherMacsAndRdids()
    {
        var t = Topologies.Resolve(Topologies.Minimal("t"));
        var u = Topologies.Resolve(Topologies.Minimal("u"));

        Assert.NotEqual(t.Vms[0].Mac, u.Vms[0].Mac);
        Assert.NotEqual(t.RoutingDomains[0].Rdid, u.RoutingDomains[0].Rdid);
    }

    [Theory]
    [InlineData("ipv6", new[] { "2001:db8::1/64" }, 1500 - 62)]
    [InlineData("dual", new[] { "192.0.2.1/24", "2001:db8::1/64" }, 1500 - 62)]
    public void Resolve_Family_GivesPasAndVmMtu(string family, string[] pas, int vmMtu)
    {
        var topology = Topologies.Resolve(Topologies.Minimal(family: family));

        Assert.Equal(pas, topology.Hosts[0].ProviderAddresses);
        Assert.Equal(vmMtu, topology.VmMtu);
    }

    [Fact]
    public void Resolve_GivenPa_AssignedPasSkipIt()
    {
        var yaml = Topologies.Minimal().Replace("hosts: [host1, host2]", "hosts: [host1, { name: host2, providerAddresses: [192.0.2.1] }]", StringComparison.Ordinal);

        var topology = Topologies.Resolve(yaml);

        Assert.Equal(["192.0.2.2/24"], topology.Hosts[0].ProviderAddresses);
        Assert.Equal(["192.0.2.1/24"], topology.Hosts[1].ProviderAddresses);
    }

    [Theory]
    [InlineData("demo.yaml", 3, 5)]
    [InlineData("minimal.yaml", 2, 2)]
    [InlineData("containers.yaml", 2, 3)]
    [InlineData("failover.yaml", 1, 1)]
    public void Examples_ParseAndValidate(string file, int hosts, int vms)
    {
        var topology = TopologyResolver.Resolve(TopologyReader.ReadFile(Path.Combine(Topologies.ExamplesFolder(), file)));

        Assert.Equal(hosts, topology.Hosts.Count);
        Assert.Equal(vms, topology.Vms.Count);
        Assert.Empty(Hnv.Policy.Validation.PolicyValidator.Validate(LabPolicy.Build(topology), out _));
    }
}
