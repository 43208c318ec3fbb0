using System.Collections.Immutable;
using Hnv.Forwarding.Node;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Tests.Fixtures;

/// <summary>
/// Two tenants on three hosts, the shape every pipeline test uses:
/// tenant A (RDID A): VSID 5001 = 10.0.0.0/24 + fd00:a::/64, VSID 5002 = 10.0.1.0/24 + fd00:a:1::/64;
/// tenant B (RDID B): VSID 6001 = 10.0.0.0/24 (the same CAs as tenant A).
/// host1 = 192.0.2.1 / 2001:db8::1 (the host under test), host2 = 192.0.2.2 / 2001:db8::2,
/// host3 = 2001:db8::3 only (IPv6 underlay), gw = 192.0.2.9 (a gateway: wildcard + next-hop records).
/// </summary>
public static class TestNetwork
{
    public static readonly Guid RdidA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid RdidB = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");

    public static readonly IpAddress Host1Pa = IpAddress.Parse("192.0.2.1");
    public static readonly IpAddress Host1Pa6 = IpAddress.Parse("2001:db8::1");
    public static readonly IpAddress Host2Pa = IpAddress.Parse("192.0.2.2");
    public static readonly IpAddress Host2Pa6 = IpAddress.Parse("2001:db8::2");
    public static readonly IpAddress Host3Pa6 = IpAddress.Parse("2001:db8::3");
    public static readonly IpAddress GatewayPa = IpAddress.Parse("192.0.2.9");

    public static readonly Vm A1 = new("a1", "10.0.0.10", "fd00:a::10", "02:00:00:00:0a:01", 5001, Host1Pa);
    public static readonly Vm A2 = new("a2", "10.0.0.11", "fd00:a::11", "02:00:00:00:0a:02", 5001, Host2Pa, Host2Pa6);
    public static readonly Vm A3 = new("a3", "10.0.0.12", "fd00:a::12", "02:00:00:00:0a:03", 5001, Host1Pa);
    public static readonly Vm A4 = new("a4", "10.0.1.20", "fd00:a:1::20", "02:00:00:00:0a:04", 5002, Host2Pa);
    public static readonly Vm A5 = new("a5", "10.0.0.13", "fd00:a::13", "02:00:00:00:0a:05", 5001, Host3Pa6, Host3Pa6);
    public static readonly Vm ANextHop = new("a-nexthop", "10.0.0.250", null, "02:00:00:00:0a:fa", 5001, GatewayPa);
    public static readonly Vm B1 = new("b1", "10.0.0.10", null, "02:00:00:00:0b:01", 6001, Host1Pa);
    public static readonly Vm B2 = new("b2", "10.0.0.11", null, "02:00:00:00:0b:02", 6001, Host2Pa);

    public static readonly MacAddress GatewayWildcardMac = MacAddress.Parse("02:00:00:00:ff:01");

    private static readonly Vm[] AllVms = [A1, A2, A3, A4, A5, ANextHop, B1, B2];

    /// <summary>The policy document of the whole network.</summary>
    public static PolicyDocument Document()
    {
        var doc = new PolicyDocument
        {
            RoutingDomains =
            [
                new RoutingDomainDocument { Rdid = RdidA.ToString(), Name = "tenant-a" },
                new RoutingDomainDocument { Rdid = RdidB.ToString(), Name = "tenant-b" },
            ],
            VirtualSubnets =
            [
                new VirtualSubnetDocument { Vsid = 5001, Rdid = RdidA.ToString(), Name = "a-web", Prefixes = ["10.0.0.0/24", "fd00:a::/64"] },
                new VirtualSubnetDocument { Vsid = 5002, Rdid = RdidA.ToString(), Name = "a-db", Prefixes = ["10.0.1.0/24", "fd00:a:1::/64"] },
                new VirtualSubnetDocument { Vsid = 6001, Rdid = RdidB.ToString(), Name = "b-web", Prefixes = ["10.0.0.0/24"] },
            ],
            ProviderAddresses =
            [
                new ProviderAddressDocument { Host = "host1", Pa = Host1Pa.ToString(), PrefixLength = 24 },
                new ProviderAddressDocument { Host = "host1", Pa = Host1Pa6.ToString(), PrefixLength = 64 },
                new ProviderAddressDocument { Host = "host2", Pa = Host2Pa.ToString(), PrefixLength = 24 },
                new ProviderAddressDocument { Host = "host2", Pa = Host2Pa6.ToString(), PrefixLength = 64 },
                new ProviderAddressDocument { Host = "host3", Pa = Host3Pa6.ToString(), PrefixLength = 64 },
                new ProviderAddressDocument { Host = "gw", Pa = GatewayPa.ToString(), PrefixLength = 24 },
            ],
            CustomerRoutes =
            [
                new CustomerRouteDocument { Rdid = RdidA.ToString(), Vsid = 5001, Destination = "192.168.0.0/16", NextHop = ANextHop.Ca4.ToString(), Metric = 10 },
            ],
        };

        foreach (var vm in AllVms)
        {
            doc.LookupRecords.Add(new LookupRecordDocument { Ca = vm.Ca4.ToString(), Vsid = vm.Vsid.Value, Mac = vm.Mac.ToString(), Pa = vm.Pa4.ToString() });
            if (vm.Ca6 is { } ca6)
            {
                doc.LookupRecords.Add(new LookupRecordDocument { Ca = ca6.ToString(), Vsid = vm.Vsid.Value, Mac = vm.Mac.ToString(), Pa = vm.Pa6.ToString() });
            }
        }

        doc.LookupRecords.Add(new LookupRecordDocument { Ca = "0.0.0.0", Vsid = 5001, Mac = GatewayWildcardMac.ToString(), Pa = GatewayPa.ToString(), Type = "GatewayWildcard" });
        return doc;
    }

    /// <summary>The validated snapshot of <see cref="Document"/>.</summary>
    public static PolicySnapshot Policy()
    {
        var problems = PolicyValidator.Validate(Document(), out var set);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        return PolicySnapshot.Build(set!, 1);
    }

    /// <summary>host1 with ports 0 = A1, 1 = A3, 2 = B1.</summary>
    public static NodeSnapshot Host1(int underlayMtu = 1500) =>
        new(Policy(), new NodeSettings { ProviderAddressV4 = Host1Pa, ProviderAddressV6 = Host1Pa6, UnderlayMtu = underlayMtu },
            [A1.Port(0), A3.Port(1), B1.Port(2)]);

    /// <summary>host2 with ports 0 = A2, 1 = A4, 2 = B2.</summary>
    public static NodeSnapshot Host2() =>
        new(Policy(), new NodeSettings { ProviderAddressV4 = Host2Pa, ProviderAddressV6 = Host2Pa6 }, [A2.Port(0), A4.Port(1), B2.Port(2)]);

    /// <summary>A VM: its CAs, MAC, VSID and the PA(s) of its host.</summary>
    public sealed record Vm(string Name, IpAddress Ca4, IpAddress? Ca6, MacAddress Mac, Vsid Vsid, IpAddress Pa4, IpAddress Pa6)
    {
        public Vm(string name, string ca4, string? ca6, string mac, uint vsid, IpAddress pa4, IpAddress? pa6 = null)
            : this(name, IpAddress.Parse(ca4), ca6 is null ? null : IpAddress.Parse(ca6), MacAddress.Parse(mac), new Vsid(vsid), pa4, pa6 ?? pa4)
        {
        }

        public LocalPort Port(int index) =>
            new(index, "tap-" + Name, Mac, Vsid, Ca6 is { } v6 ? ImmutableArray.Create(Ca4, v6) : [Ca4]);
    }
}
