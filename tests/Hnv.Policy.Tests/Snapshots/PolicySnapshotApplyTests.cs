using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Tests.Snapshots;

[Trait("tier", "pure")]
public sealed class PolicySnapshotApplyTests
{
    private static readonly IpAddress Ca5 = IpAddress.Parse("10.0.0.5");

    private readonly PolicySnapshot _snapshot = PolicySnapshot.Build(Samples.Set(), 7);

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20261122)]
    public void Apply_SeededRandomDeltas_EqualBuildOfTheEquivalentSet(int seed)
    {
        var generator = new DeltaGenerator(seed);
        var snapshot = PolicySnapshot.Build(generator.Set(), 1);
        var changedTables = 0;
        for (long revision = 2; revision <= 80; revision++)
        {
            var (delta, touched) = generator.Next(revision);

            var next = snapshot.Apply(delta);

            var expected = PolicySnapshot.Build(generator.Set(), revision);
            var probes = generator.KnownAddresses.Concat(Enumerable.Range(0, 20).Select(_ => generator.RandomAddress())).ToList();
            AssertAnswersAlike(expected, next, probes);
            foreach (var before in snapshot.RoutingDomains)
            {
                Assert.True(next.TryGetRoutingDomain(before.Rdid, out var after));
                Assert.Equal(!touched.Contains(before.Rdid), ReferenceEquals(before, after));
                changedTables += touched.Contains(before.Rdid) ? 1 : 0;
            }

            snapshot = next;
        }

        Assert.True(snapshot.ToPolicySet().LookupRecords.Length > 10, generator.ToString());
        Assert.True(changedTables > 50, "the deltas should have changed domain tables many times");
    }

    [Fact]
    public void Apply_DeltaTouchingOneDomain_SharesEveryOtherDomainsView()
    {
        var record = new LookupRecord(IpAddress.Parse("10.0.0.6"), new Vsid(5001), MacAddress.Parse("00:15:5d:00:00:06"), IpAddress.Parse("192.0.2.11"), LookupRule.Encap, LookupRecordType.Static);

        var next = _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertLookupRecords = [record] });

        Assert.Equal(8, next.Revision);
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.RedRdid, out var redBefore));
        Assert.True(next.TryGetRoutingDomain(Samples.RedRdid, out var redAfter));
        Assert.Same(redBefore, redAfter);
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blueBefore));
        Assert.True(next.TryGetRoutingDomain(Samples.BlueRdid, out var blueAfter));
        Assert.NotSame(blueBefore, blueAfter);
        Assert.True(blueAfter.TryGetRecord(record.Ca, out var found));
        Assert.Equal(record, found);
        Assert.False(blueBefore.TryGetRecord(record.Ca, out _));
    }

    [Fact]
    public void Apply_ProviderAddressOnlyDelta_SharesEveryDomainsView()
    {
        var next = _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertProviderAddresses = [new ProviderAddress("h3", IpAddress.Parse("2001:db8::3"), 64, 7)] });

        Assert.True(next.IsKnownProviderAddress(IpAddress.Parse("2001:db8::3")));
        Assert.False(_snapshot.IsKnownProviderAddress(IpAddress.Parse("2001:db8::3")));
        foreach (var before in _snapshot.RoutingDomains)
        {
            Assert.True(next.TryGetRoutingDomain(before.Rdid, out var after));
            Assert.Same(before, after);
        }
    }

    [Fact]
    public void Apply_DeltaBreakingARule_ThrowsWithProblemsAndThePreviousSnapshotAnswersAsBefore()
    {
        // 10.0.0.5 is already VSID 5001's; VSID 5002 is in the same routing domain, so it is the same CA space.
        var duplicate = new LookupRecord(Ca5, new Vsid(5002), MacAddress.Parse("00:15:5d:00:00:55"), IpAddress.Parse("192.0.2.11"), LookupRule.Encap, LookupRecordType.L2Only);

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertLookupRecords = [duplicate] }));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("lookupRecords[vsid=5002,ca=10.0.0.5].ca", problem.Field);
        Assert.Contains("10.0.0.5", problem.Message, StringComparison.Ordinal);
        Assert.Equal(7, _snapshot.Revision);
        Assert.True(_snapshot.TryGetRoutingDomain(Samples.BlueRdid, out var blue));
        Assert.True(blue.TryGetRecord(Ca5, out var record));
        Assert.Equal(new Vsid(5001), record.Vsid);
        Assert.Equal(Samples.Lines(Samples.Set()), Samples.Lines(_snapshot.ToPolicySet()));
    }

    [Fact]
    public void Apply_RemovingAProviderAddressStillInUse_Throws()
    {
        var delta = new PolicyDelta { Revision = 8, RemoveProviderAddresses = [new ProviderAddressKey("h1", IpAddress.Parse("192.0.2.10"))] };

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(delta));

        Assert.Equal(2, e.Problems.Count); // the dual-stack NIC's two records
        Assert.All(e.Problems, p => Assert.EndsWith(".pa", p.Field, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_MacOfANicInAnUntouchedDomain_Throws()
    {
        // Only red is touched, yet the MAC belongs to blue's dual-stack NIC: the MAC rule spans domains.
        var record = new LookupRecord(IpAddress.Parse("10.0.0.9"), new Vsid(6001), MacAddress.Parse("00:15:5d:00:00:05"), IpAddress.Parse("192.0.2.10"), LookupRule.Encap, LookupRecordType.Static);

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertLookupRecords = [record] }));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("lookupRecords[vsid=6001,ca=10.0.0.9].mac", problem.Field);
        Assert.Contains("00:15:5d:00:00:05", problem.Message, StringComparison.Ordinal);
        Assert.Contains("vsid=5001", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ExistingRecordGivenAMacOfAnotherDomain_Throws()
    {
        // Red's record 10.0.0.5 exists; changing only its MAC to blue's NIC's must still be caught, although every
        // other record red holds is unchanged (only new or changed records are checked across domains).
        var changed = new LookupRecord(IpAddress.Parse("10.0.0.5"), new Vsid(6001), MacAddress.Parse("00:15:5d:00:00:05"), IpAddress.Parse("192.0.2.11"), LookupRule.Encap, LookupRecordType.Static);

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertLookupRecords = [changed] }));

        Assert.Contains(e.Problems, p => p.Field.EndsWith(".mac", StringComparison.Ordinal) && p.Message.Contains("00:15:5d:00:00:05", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_MacFreedByAnEarlierDelta_CanBeUsedInAnotherDomain()
    {
        var freed = _snapshot.Apply(new PolicyDelta
        {
            Revision = 8,
            RemoveLookupRecords = [new LookupRecordKey(new Vsid(5001), Ca5), new LookupRecordKey(new Vsid(5001), IpAddress.Parse("2001:db8:1::5"))],
        });
        var record = new LookupRecord(IpAddress.Parse("10.0.0.9"), new Vsid(6001), MacAddress.Parse("00:15:5d:00:00:05"), IpAddress.Parse("192.0.2.10"), LookupRule.Encap, LookupRecordType.Static);

        var next = freed.Apply(new PolicyDelta { Revision = 9, UpsertLookupRecords = [record] });

        Assert.True(next.TryGetRoutingDomain(Samples.RedRdid, out var red));
        Assert.True(red.TryGetRecord(record.Ca, out _));
    }

    [Fact]
    public void Apply_RemovingARoutingDomainThatStillHasSubnets_Throws()
    {
        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = 8, RemoveRoutingDomains = [Samples.RedRdid] }));

        Assert.Equal("virtualSubnets[vsid=6001].rdid", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Apply_RemovingARoutingDomainWithAllItHolds_DropsItsView()
    {
        var delta = new PolicyDelta
        {
            Revision = 8,
            RemoveRoutingDomains = [Samples.RedRdid],
            RemoveVirtualSubnets = [new Vsid(6001)],
            RemoveLookupRecords = [new LookupRecordKey(new Vsid(6001), Ca5)],
        };

        var next = _snapshot.Apply(delta);

        Assert.False(next.TryGetRoutingDomain(Samples.RedRdid, out _));
        Assert.False(next.TryGetSubnet(new Vsid(6001), out _));
        Assert.True(next.TryGetSubnet(new Vsid(5001), out _));
    }

    [Fact]
    public void Apply_MovingASubnetToAnotherDomain_MovesItsRecords()
    {
        var set = Samples.Set();
        var moved = set.VirtualSubnets[1] with { Rdid = Samples.RedRdid };
        var delta = new PolicyDelta
        {
            Revision = 8,
            UpsertVirtualSubnets = [moved],
            RemoveCustomerRoutes = [.. set.CustomerRoutes.Select(r => r.Key)], // both name VSID 5002 or its CA
        };

        var next = _snapshot.Apply(delta);

        Assert.True(next.TryGetRoutingDomain(Samples.RedRdid, out var red));
        Assert.True(red.TryGetRecord(IpAddress.Parse("10.0.1.7"), out _));
        Assert.True(next.TryGetRoutingDomain(Samples.BlueRdid, out var blue));
        Assert.False(blue.TryGetRecord(IpAddress.Parse("10.0.1.7"), out _));
        var expected = new PolicySet(set.RoutingDomains, set.VirtualSubnets.SetItem(1, moved), set.LookupRecords, [], set.ProviderAddresses, set.ProviderRoutes);
        AssertAnswersAlike(PolicySnapshot.Build(expected, 8), next, [.. expected.LookupRecords.Select(r => r.Ca)]);
    }

    [Fact]
    public void Apply_RecordNamingAnUnknownVsid_Throws()
    {
        var record = new LookupRecord(Ca5, new Vsid(7777), MacAddress.Parse("00:15:5d:00:00:77"), IpAddress.Parse("192.0.2.11"), LookupRule.Encap, LookupRecordType.Static);

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = 8, UpsertLookupRecords = [record] }));

        Assert.Equal("lookupRecords[vsid=7777,ca=10.0.0.5].vsid", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Apply_RemovingSomethingAbsent_Throws()
    {
        var delta = new PolicyDelta { Revision = 8, RemoveLookupRecords = [new LookupRecordKey(new Vsid(5001), IpAddress.Parse("10.0.0.99"))] };

        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(delta));

        Assert.Contains("10.0.0.99", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7)] // the same revision again
    [InlineData(3)] // an older one
    public void Apply_RevisionNotAboveCurrent_Throws(long revision)
    {
        var e = Assert.Throws<PolicyValidationException>(() => _snapshot.Apply(new PolicyDelta { Revision = revision }));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("revision", problem.Field);
        Assert.Contains(revision.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Both snapshots hold the same policy and answer every lookup alike.</summary>
    private static void AssertAnswersAlike(PolicySnapshot expected, PolicySnapshot actual, IReadOnlyList<IpAddress> probes)
    {
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(Samples.Lines(expected.ToPolicySet()), Samples.Lines(actual.ToPolicySet()));
        foreach (var e in expected.RoutingDomains)
        {
            Assert.True(actual.TryGetRoutingDomain(e.Rdid, out var a));
            foreach (var probe in probes)
            {
                Assert.Equal(e.TryGetRecord(probe, out var expectedRecord), a.TryGetRecord(probe, out var actualRecord));
                Assert.Equal(expectedRecord, actualRecord);
                Assert.Equal(e.TryRoute(probe, out var expectedRoute), a.TryRoute(probe, out var actualRoute));
                Assert.Equal(expectedRoute, actualRoute);
                Assert.Equal(e.TryFindSubnet(probe, out var expectedSubnet), a.TryFindSubnet(probe, out var actualSubnet));
                Assert.Equal(expectedSubnet?.Vsid, actualSubnet?.Vsid);
            }

            foreach (var subnet in e.Subnets)
            {
                Assert.True(actual.TryGetSubnet(subnet.Vsid, out var other));
                Assert.Same(a, other.Domain);
                Assert.Equal(subnet.Subnet, other.Subnet);
                foreach (var v6 in new[] { false, true })
                {
                    Assert.Equal(subnet.TryGetGatewayWildcard(v6, out var expectedWildcard), other.TryGetGatewayWildcard(v6, out var actualWildcard));
                    Assert.Equal(expectedWildcard, actualWildcard);
                }
            }
        }

        foreach (var address in expected.ProviderAddresses)
        {
            Assert.True(actual.IsKnownProviderAddress(address.Pa));
        }
    }
}
