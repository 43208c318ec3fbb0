using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Tests.Snapshots;

[Trait("tier", "pure")]
public sealed class PolicySnapshotTests
{
    private readonly PolicySnapshot _snapshot = PolicySnapshot.Build(Samples.Set(RoutedDocument()), 7);

    [Fact]
    public void Empty_HasRevisionZeroAndNothing()
    {
        Assert.Equal(0, PolicySnapshot.Empty.Revision);
        Assert.False(PolicySnapshot.Empty.TryGetSubnet(new Vsid(5001), out _));
        Assert.False(PolicySnapshot.Empty.IsKnownProviderAddress(IpAddress.Parse("192.0.2.10")));
        Assert.Empty(PolicySnapshot.Empty.ToPolicySet().LookupRecords);
    }

    [Fact]
    public void Build_Set_KeepsRevisionAndEverything()
    {
        Assert.Equal(7, _snapshot.Revision);
        Assert.Equal(Samples.Lines(Samples.Set(RoutedDocument())), Samples.Lines(_snapshot.ToPolicySet()));
    }

    [Fact]
    public void Build_InvalidSet_ThrowsWithProblems()
    {
        var set = Samples.Set();
        var broken = new PolicySet(
            set.RoutingDomains, set.VirtualSubnets, set.LookupRecords.Add(set.LookupRecords[0] with { Vsid = new Vsid(5002) }),
            set.CustomerRoutes, set.ProviderAddresses, set.ProviderRoutes);

        var e = Assert.Throws<PolicyValidationException>(() => PolicySnapshot.Build(broken, 1));

        Assert.Contains(e.Problems, p => p.Field == "lookupRecords[vsid=5002,ca=10.0.0.5].ca");
    }

    [Theory]
    [InlineData(Samples.Blue, "10.0.0.5", "00:15:5d:00:00:05")]
    [InlineData(Samples.Blue, "2001:db8:1::5", "00:15:5d:00:00:05")] // the dual-stack NIC's IPv6 CA
    [InlineData(Samples.Blue, "10.0.1.7", "00:15:5d:00:00:07")]
    [InlineData(Samples.Red, "10.0.0.5", "00:15:5d:00:01:05")] // the same CA in another routing domain is another VM
    [InlineData(Samples.Blue, "10.0.0.77", "00:15:5d:00:00:77")] // L2Only records are found too
    public void TryGetRecord_KnownCa_ReturnsThatDomainsRecord(string rdid, string ca, string mac)
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Rdid.Parse(rdid), out var domain));

        Assert.True(domain.TryGetRecord(IpAddress.Parse(ca), out var record));
        Assert.Equal(MacAddress.Parse(mac), record.Mac);
    }

    [Theory]
    [InlineData(Samples.Blue, "10.0.0.6")] // no record
    [InlineData(Samples.Blue, "0.0.0.0")] // the GatewayWildcard is not a record of CA 0.0.0.0
    [InlineData(Samples.Red, "10.0.1.7")] // blue's CA is invisible from red
    [InlineData(Samples.Blue, "::ffff:10.0.0.5")] // the family is part of the address
    public void TryGetRecord_UnknownCa_ReturnsFalse(string rdid, string ca)
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Rdid.Parse(rdid), out var domain));

        Assert.False(domain.TryGetRecord(IpAddress.Parse(ca), out _));
    }

    [Theory]
    [InlineData("192.168.1.1", "0.0.0.0/0", 5001)] // only the default route matches
    [InlineData("10.200.0.1", "10.0.0.0/8", 5001)]
    [InlineData("10.1.2.3", "10.1.0.0/16", 5002)] // longer prefix wins; of two /16 routes the lower metric wins
    [InlineData("10.1.9.9", "10.1.9.0/24", 5001)]
    [InlineData("10.1.9.200", "10.1.9.128/25", 5001)]
    [InlineData("2001:db8:ffff::1", "2001:db8::/32", 5001)]
    [InlineData("2001:db8:1:2::42", "2001:db8:1:2::/64", 5002)]
    [InlineData("2001:4860::8888", "::/0", 5001)]
    public void TryRoute_Destination_ReturnsLongestPrefixThenLowestMetric(string destination, string prefix, uint vsid)
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blue));

        Assert.True(blue.TryRoute(IpAddress.Parse(destination), out var route));
        Assert.Equal(IpPrefix.Parse(prefix), route.Destination);
        Assert.Equal(new Vsid(vsid), route.Vsid);
    }

    [Fact]
    public void TryRoute_DomainWithoutDefaultRoute_ReturnsFalse()
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.RedRdid, out var red));

        Assert.False(red.TryRoute(IpAddress.Parse("10.0.0.5"), out _));
    }

    [Theory]
    [InlineData("10.0.0.9", 5001)]
    [InlineData("2001:db8:1::9", 5001)]
    [InlineData("10.0.1.200", 5002)]
    public void TryFindSubnet_CaInsideAPrefix_ReturnsItsSubnet(string ca, uint vsid)
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blue));

        Assert.True(blue.TryFindSubnet(IpAddress.Parse(ca), out var subnet));
        Assert.Equal(new Vsid(vsid), subnet.Vsid);
        Assert.True(subnet.ContainsOnLink(IpAddress.Parse(ca)));
    }

    [Fact]
    public void TryFindSubnet_CaOutsideEveryPrefix_ReturnsFalse()
    {
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blue));

        Assert.False(blue.TryFindSubnet(IpAddress.Parse("10.0.2.1"), out _));
        Assert.False(blue.TryFindSubnet(IpAddress.Parse("2001:db8:2::1"), out _));
    }

    [Fact]
    public void TryGetSubnet_Vsid_ReturnsSubnetWithItsDomain()
    {
        Assert.True(_snapshot.TryGetSubnet(new Vsid(6001), out var subnet));

        Assert.Equal(Samples.RedRdid, subnet.Rdid);
        Assert.Same(subnet.Domain, _snapshot.RoutingDomains.Single(d => d.Rdid == Samples.RedRdid));
        Assert.Equal("red", subnet.Domain.Name);
        Assert.False(_snapshot.TryGetSubnet(new Vsid(7777), out _));
    }

    [Theory]
    [InlineData(5001u, "10.0.0.1", true)] // default router: first host of 10.0.0.0/24
    [InlineData(5001u, "2001:db8:1::1", true)]
    [InlineData(5002u, "10.0.1.254", true)] // given explicitly
    [InlineData(5002u, "10.0.1.1", false)]
    [InlineData(5001u, "10.0.0.5", false)]
    public void IsRouterAddress_Address_ReportsTheSubnetsDefaultRouters(uint vsid, string address, bool expected)
    {
        Assert.True(_snapshot.TryGetSubnet(new Vsid(vsid), out var subnet));

        Assert.Equal(expected, subnet.IsRouterAddress(IpAddress.Parse(address)));
    }

    [Fact]
    public void TryGetGatewayWildcard_SubnetWithV4Wildcard_ReturnsItForV4Only()
    {
        Assert.True(_snapshot.TryGetSubnet(new Vsid(5001), out var web));
        Assert.True(_snapshot.TryGetSubnet(new Vsid(5002), out var other));

        Assert.True(web.TryGetGatewayWildcard(v6: false, out var record));
        Assert.Equal(MacAddress.Parse("00:15:5d:00:00:fe"), record.Mac);
        Assert.Equal(LookupRecordType.GatewayWildcard, record.Type);
        Assert.False(web.TryGetGatewayWildcard(v6: true, out _));
        Assert.False(other.TryGetGatewayWildcard(v6: false, out _));
    }

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("192.0.2.11", true)]
    [InlineData("192.0.2.12", false)]
    [InlineData("::ffff:192.0.2.10", false)]
    public void IsKnownProviderAddress_Address_ReportsWhetherAHostHoldsIt(string pa, bool expected) =>
        Assert.Equal(expected, _snapshot.IsKnownProviderAddress(IpAddress.Parse(pa)));

    [Fact]
    public void Lookups_AfterWarmUp_AllocateNothing()
    {
        // The forwarding pipeline calls these per packet (docs/architecture.md, "nothing allocated per packet"); counted, not timed.
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blue));
        var v4 = IpAddress.Parse("10.1.9.200");
        var v6 = IpAddress.Parse("2001:db8:1::5");
        var pa = IpAddress.Parse("192.0.2.10");
        var found = Probe(blue, v4, v6, pa);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            found += Probe(blue, v4, v6, pa);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001 * 7, found);
    }

    private int Probe(RoutingDomainView domain, IpAddress v4, IpAddress v6, IpAddress pa)
    {
        var found = domain.TryGetRecord(v6, out _) ? 1 : 0;
        found += domain.TryRoute(v4, out _) ? 1 : 0;
        found += domain.TryRoute(v6, out _) ? 1 : 0;
        found += domain.TryFindSubnet(v6, out var subnet) ? 1 : 0;
        found += subnet!.IsRouterAddress(v6) ? 0 : 1;
        found += subnet.TryGetGatewayWildcard(false, out _) ? 1 : 0;
        found += _snapshot.TryGetSubnet(subnet.Vsid, out _) && _snapshot.IsKnownProviderAddress(pa) ? 1 : 0;
        return found;
    }

    /// <summary>The sample with more of blue's CA space and a table of routes for longest-prefix match.</summary>
    internal static Hnv.Policy.Documents.PolicyDocument RoutedDocument()
    {
        var doc = Samples.Document();
        doc.VirtualSubnets[1].Prefixes!.Add("2001:db8:1:2::/64");
        doc.VirtualSubnets[1].DefaultRouters!.Add("2001:db8:1:2::1");
        doc.LookupRecords.Add(new() { Ca = "10.0.0.77", Vsid = 5001, Mac = "00:15:5d:00:00:77", Pa = "192.0.2.10", Type = "L2Only" });
        doc.CustomerRoutes.AddRange(
        [
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "10.0.0.0/8", Metric = 10 },
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "10.1.0.0/16", Metric = 50 },
            new() { Rdid = Samples.Blue, Vsid = 5002, Destination = "10.1.0.0/16", Metric = 20 },
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "10.1.9.0/24" },
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "10.1.9.128/25", NextHop = "10.0.1.7" },
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "::/0", NextHop = "2001:db8:1::5" },
            new() { Rdid = Samples.Blue, Vsid = 5001, Destination = "2001:db8::/32" },
            new() { Rdid = Samples.Blue, Vsid = 5002, Destination = "2001:db8:1:2::/64" },
        ]);
        return doc;
    }
}
