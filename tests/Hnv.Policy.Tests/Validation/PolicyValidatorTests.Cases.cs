using Hnv.Policy.Documents;

namespace Hnv.Policy.Tests.Validation;

public sealed partial class PolicyValidatorTests
{
    private const string Other = "33333333-3333-3333-3333-333333333333";

    /// <summary>One row per rule: how to break the sample document, the field expected, a value the message must name.</summary>
    private static readonly Dictionary<string, (Action<PolicyDocument> Mutate, string Field, string Value)> Cases = new()
    {
        // Routing domains.
        ["rd bad GUID"] = (d => d.RoutingDomains.Add(new() { Rdid = "not-a-guid", Name = "x" }), "routingDomains[2].rdid", "not-a-guid"),
        ["rd missing rdid"] = (d => d.RoutingDomains.Add(new() { Name = "x" }), "routingDomains[2].rdid", "RDID is missing"),
        ["rd empty GUID"] = (d => d.RoutingDomains.Add(new() { Rdid = Guid.Empty.ToString(), Name = "x" }), "routingDomains[2].rdid", "00000000-0000-0000-0000-000000000000"),
        ["rd duplicate RDID"] = (d => d.RoutingDomains.Add(new() { Rdid = Samples.Blue, Name = "again" }), "routingDomains[2].rdid", Samples.Blue),
        ["rd no name"] = (d => d.RoutingDomains[1].Name = " ", "routingDomains[1].name", Samples.Red),

        // Virtual subnets (each added as virtualSubnets[3], so nothing else depends on it).
        ["vsid below 4096 (RFC 7637 3.2)"] = (d => d.VirtualSubnets.Add(Subnet(4095)), "virtualSubnets[3].vsid", "4095"),
        ["vsid 0xFFFFFF reserved (RFC 7637 3.2)"] = (d => d.VirtualSubnets.Add(Subnet(16777215)), "virtualSubnets[3].vsid", "16777215"),
        ["vsid missing"] = (d => d.VirtualSubnets.Add(Subnet(null)), "virtualSubnets[3].vsid", "VSID is missing"),
        ["vsid duplicate"] = (d => d.VirtualSubnets.Add(Subnet(5001)), "virtualSubnets[3].vsid", "5001"),
        ["subnet unknown RDID"] = (d => d.VirtualSubnets.Add(Subnet(7001, rdid: Other)), "virtualSubnets[3].rdid", Other),
        ["subnet bad RDID"] = (d => d.VirtualSubnets.Add(Subnet(7001, rdid: "{zzz}")), "virtualSubnets[3].rdid", "{zzz}"),
        ["subnet no prefix"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: [])), "virtualSubnets[3].prefixes", "7001"),
        ["subnet prefix missing list"] = (d => d.VirtualSubnets.Add(new() { Vsid = 7001, Rdid = Samples.Red }), "virtualSubnets[3].prefixes", "7001"),
        ["prefix bad CIDR"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: ["10.9.0.0/33"])), "virtualSubnets[3].prefixes[0]", "10.9.0.0/33"),
        ["prefix not CIDR"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: ["10.9.0.0"])), "virtualSubnets[3].prefixes[0]", "10.9.0.0"),
        ["prefix host bits set"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: ["10.9.0.1/24"])), "virtualSubnets[3].prefixes[0]", "10.9.0.1/24"),
        ["prefix overlaps in domain v4"] = (d => d.VirtualSubnets.Add(Subnet(7001, rdid: Samples.Blue, prefixes: ["10.0.0.128/25"])), "virtualSubnets[3].prefixes[0]", "10.0.0.128/25"),
        ["prefix overlaps in domain v6"] = (d => d.VirtualSubnets.Add(Subnet(7001, rdid: Samples.Blue, prefixes: ["2001:db8:1::/48"])), "virtualSubnets[3].prefixes[0]", "2001:db8:1::/48"),
        ["prefix overlaps within one subnet"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: ["10.9.0.0/16", "10.9.4.0/24"])), "virtualSubnets[3].prefixes[1]", "10.9.4.0/24"),
        ["prefix has no first host for a default router"] = (d => d.VirtualSubnets.Add(Subnet(7001, prefixes: ["10.9.0.7/32"])), "virtualSubnets[3].prefixes[0]", "10.9.0.7/32"),
        ["default router outside its prefix"] = (d => d.VirtualSubnets.Add(Subnet(7001, routers: ["10.9.1.1"])), "virtualSubnets[3].defaultRouters[0]", "10.9.1.1"),
        ["default router other family"] = (d => d.VirtualSubnets.Add(Subnet(7001, routers: ["2001:db8:9::1"])), "virtualSubnets[3].defaultRouters[0]", "2001:db8:9::1"),
        ["default router count not prefix count"] = (d => d.VirtualSubnets.Add(Subnet(7001, routers: ["10.9.0.1", "10.9.0.2"])), "virtualSubnets[3].defaultRouters", "7001"),
        ["default router bad IP"] = (d => d.VirtualSubnets.Add(Subnet(7001, routers: ["10.9.0.x"])), "virtualSubnets[3].defaultRouters[0]", "10.9.0.x"),

        // Lookup records (each added as lookupRecords[5]).
        ["record bad CA"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.300")), "lookupRecords[5].ca", "10.0.0.300"),
        ["record CA in inet_aton form"] = (d => d.LookupRecords.Add(Record(ca: "10.1")), "lookupRecords[5].ca", "10.1"),
        ["record bad PA"] = (d => d.LookupRecords.Add(Record(pa: "192.0.2")), "lookupRecords[5].pa", "192.0.2"),
        ["record bad MAC"] = (d => d.LookupRecords.Add(Record(mac: "00:15:5d:00:00")), "lookupRecords[5].mac", "00:15:5d:00:00"),
        ["record multicast MAC"] = (d => d.LookupRecords.Add(Record(mac: "01:00:5e:00:00:01")), "lookupRecords[5].mac", "01:00:5e:00:00:01"),
        ["record broadcast MAC"] = (d => d.LookupRecords.Add(Record(mac: "ff:ff:ff:ff:ff:ff")), "lookupRecords[5].mac", "ff:ff:ff:ff:ff:ff"),
        ["record zero MAC"] = (d => d.LookupRecords.Add(Record(mac: "00:00:00:00:00:00")), "lookupRecords[5].mac", "00:00:00:00:00:00"),
        ["record unknown VSID"] = (d => d.LookupRecords.Add(Record(vsid: 7777)), "lookupRecords[5].vsid", "7777"),
        ["record reserved VSID"] = (d => d.LookupRecords.Add(Record(vsid: 100)), "lookupRecords[5].vsid", "100"),
        ["record bad rule"] = (d => d.LookupRecords.Add(Record(rule: "Tunnel")), "lookupRecords[5].rule", "Tunnel"),
        ["record bad type"] = (d => d.LookupRecords.Add(Record(type: "Dynamic")), "lookupRecords[5].type", "Dynamic"),
        ["static CA outside its subnet"] = (d => d.LookupRecords.Add(Record(ca: "10.0.5.5")), "lookupRecords[5].ca", "10.0.5.5"),
        ["CA is its prefix's network address"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.0")), "lookupRecords[5].ca", "network address of 10.0.0.0/24"),
        ["CA is its prefix's broadcast address"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.255")), "lookupRecords[5].ca", "broadcast address of 10.0.0.0/24"),
        ["CA is its IPv6 prefix's subnet-router anycast"] = (d => d.LookupRecords.Add(Record(ca: "2001:db8:1::")), "lookupRecords[5].ca", "subnet-router anycast address"),
        ["CA twice in one VSID"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.5")), "lookupRecords[5].ca", "10.0.0.5"),
        ["CA twice in one RDID, two VSIDs"] = (d => d.LookupRecords.Add(Record(ca: "10.0.1.7", type: "L2Only")), "lookupRecords[5].ca", "10.0.1.7"),
        ["MAC of another NIC"] = (d => d.LookupRecords.Add(Record(mac: "00:15:5d:00:00:07")), "lookupRecords[5].mac", "00:15:5d:00:00:07"),
        ["MAC of a NIC on another host"] = (d => d.LookupRecords.Add(Record(mac: "00:15:5d:00:00:05", pa: "192.0.2.11")), "lookupRecords[5].mac", "00:15:5d:00:00:05"),
        ["MAC of same VSID, other PA"] = (d => d.LookupRecords.Add(Record(ca: "2001:db8:1::9", mac: "00:15:5d:00:00:fe", pa: "192.0.2.10")), "lookupRecords[5].mac", "00:15:5d:00:00:fe"),
        ["CA is a subnet's default router"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.1")), "lookupRecords[5].ca", "10.0.0.1"),
        ["CA is another subnet's default router (L2Only)"] = (d => d.LookupRecords.Add(Record(ca: "10.0.1.254", type: "L2Only")), "lookupRecords[5].ca", "10.0.1.254"),
        ["record PA not a provider address"] = (d => d.LookupRecords.Add(Record(pa: "192.0.2.99")), "lookupRecords[5].pa", "192.0.2.99"),
        ["GatewayWildcard with a real CA"] = (d => d.LookupRecords.Add(Record(ca: "10.0.0.9", type: "GatewayWildcard")), "lookupRecords[5].ca", "10.0.0.9"),
        ["GatewayWildcard twice in one VSID"] = (d => d.LookupRecords.Add(Record(ca: "0.0.0.0", type: "GatewayWildcard")), "lookupRecords[5].ca", "0.0.0.0"),

        // Customer routes (each added as customerRoutes[2]).
        ["route unknown RDID"] = (d => d.CustomerRoutes.Add(Route(rdid: Other)), "customerRoutes[2].rdid", Other),
        ["route VSID of another domain"] = (d => d.CustomerRoutes.Add(Route(vsid: 6001)), "customerRoutes[2].vsid", "6001"),
        ["route unknown VSID"] = (d => d.CustomerRoutes.Add(Route(vsid: 7777)), "customerRoutes[2].vsid", "7777"),
        ["route bad destination"] = (d => d.CustomerRoutes.Add(Route(destination: "10.8.0.0/40")), "customerRoutes[2].destination", "10.8.0.0/40"),
        ["route destination host bits"] = (d => d.CustomerRoutes.Add(Route(destination: "10.8.0.1/16")), "customerRoutes[2].destination", "10.8.0.1/16"),
        ["route next hop other family"] = (d => d.CustomerRoutes.Add(Route(destination: "2001:db8:9::/64", nextHop: "10.0.1.7")), "customerRoutes[2].nextHop", "10.0.1.7"),
        ["route next hop unknown CA"] = (d => d.CustomerRoutes.Add(Route(nextHop: "10.0.1.99")), "customerRoutes[2].nextHop", "10.0.1.99"),
        ["route next hop CA of another domain"] = (d => d.CustomerRoutes.Add(Route(rdid: Samples.Red, vsid: 6001, nextHop: "10.0.1.7")), "customerRoutes[2].nextHop", "10.0.1.7"),
        ["route next hop bad IP"] = (d => d.CustomerRoutes.Add(Route(nextHop: "gateway")), "customerRoutes[2].nextHop", "gateway"),
        ["route metric negative"] = (d => d.CustomerRoutes.Add(Route(metric: -1)), "customerRoutes[2].metric", "-1"),
        ["route duplicate"] = (d => d.CustomerRoutes.Add(Route(destination: "0.0.0.0/0")), "customerRoutes[2].destination", "0.0.0.0/0"),

        // Provider addresses (each added as providerAddresses[2]).
        ["PA bad address"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.300", PrefixLength = 24 }), "providerAddresses[2].pa", "192.0.2.300"),
        ["PA limited broadcast"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "255.255.255.255", PrefixLength = 24 }), "providerAddresses[2].pa", "not a unicast address"),
        ["PA prefix length 33"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.12", PrefixLength = 33 }), "providerAddresses[2].prefixLength", "33"),
        ["PA prefix length 0"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "2001:db8::12", PrefixLength = 0 }), "providerAddresses[2].prefixLength", "0"),
        ["PA prefix length missing"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.12" }), "providerAddresses[2].prefixLength", "prefix length is missing"),
        ["PA VLAN 4095 (802.1Q reserved)"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.12", PrefixLength = 24, Vlan = 4095 }), "providerAddresses[2].vlan", "4095"),
        ["PA VLAN negative"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.12", PrefixLength = 24, Vlan = -1 }), "providerAddresses[2].vlan", "-1"),
        ["PA on two hosts"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "192.0.2.10", PrefixLength = 24 }), "providerAddresses[2].pa", "192.0.2.10"),
        ["PA multicast"] = (d => d.ProviderAddresses.Add(new() { Host = "h3", Pa = "224.0.0.5", PrefixLength = 24 }), "providerAddresses[2].pa", "224.0.0.5"),
        ["PA no host"] = (d => d.ProviderAddresses.Add(new() { Pa = "192.0.2.12", PrefixLength = 24 }), "providerAddresses[2].host", "host name is empty"),

        // Provider routes (each added as providerRoutes[1]).
        ["provider route bad prefix"] = (d => d.ProviderRoutes.Add(new() { Host = "h2", Destination = "198.51.100.1/24", NextHop = "192.0.2.1" }), "providerRoutes[1].destination", "198.51.100.1/24"),
        ["provider route bad next hop"] = (d => d.ProviderRoutes.Add(new() { Host = "h2", Destination = "198.51.100.0/24", NextHop = "x" }), "providerRoutes[1].nextHop", "'x'"),
        ["provider route next hop other family"] = (d => d.ProviderRoutes.Add(new() { Host = "h2", Destination = "2001:db8::/32", NextHop = "192.0.2.1" }), "providerRoutes[1].nextHop", "192.0.2.1"),
        ["provider route metric negative"] = (d => d.ProviderRoutes.Add(new() { Host = "h2", Destination = "198.51.100.0/24", NextHop = "192.0.2.1", Metric = -5 }), "providerRoutes[1].metric", "-5"),
        ["provider route duplicate"] = (d => d.ProviderRoutes.Add(new() { Host = "h1", Destination = "198.51.100.0/24", NextHop = "192.0.2.2" }), "providerRoutes[1].destination", "198.51.100.0/24"),
    };

    private static VirtualSubnetDocument Subnet(long? vsid, string rdid = Samples.Red, List<string>? prefixes = null, List<string>? routers = null) =>
        new() { Vsid = vsid, Rdid = rdid, Prefixes = prefixes ?? ["10.9.0.0/24"], DefaultRouters = routers };

    private static LookupRecordDocument Record(
        string ca = "10.0.0.6", long vsid = 5001, string mac = "00:15:5d:00:00:99", string pa = "192.0.2.11", string? rule = null, string? type = null) =>
        new() { Ca = ca, Vsid = vsid, Mac = mac, Pa = pa, Rule = rule, Type = type };

    private static CustomerRouteDocument Route(
        string rdid = Samples.Blue, long vsid = 5001, string destination = "10.8.0.0/16", string? nextHop = null, int? metric = null) =>
        new() { Rdid = rdid, Vsid = vsid, Destination = destination, NextHop = nextHop, Metric = metric };
}
