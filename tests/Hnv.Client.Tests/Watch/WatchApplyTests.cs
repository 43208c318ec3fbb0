using Hnv.Client.Watch;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.Client.Tests.Watch;

/// <summary>The one way a watcher applies its stream's events (docs/controller.md, "The watch protocol").</summary>
[Trait("tier", "pure")]
public sealed class WatchApplyTests
{
    private const string Rdid = "aaaaaaaa-0000-0000-0000-000000000001";

    [Fact]
    public void Apply_Snapshot_ReplacesWholeAtItsRevision()
    {
        var applied = WatchApply.Apply(PolicySnapshot.Empty, Snapshot(5));

        Assert.Equal(5, applied.Revision);
        Assert.Single(applied.ToPolicySet().LookupRecords);
    }

    [Fact]
    public void Apply_ChangeNewerThanHeld_AddsItsItems()
    {
        var held = WatchApply.Apply(PolicySnapshot.Empty, Snapshot(5));

        var applied = WatchApply.Apply(held, Change(6, "10.0.0.12"));

        Assert.Equal(6, applied.Revision);
        Assert.Equal(2, applied.ToPolicySet().LookupRecords.Length);
    }

    [Theory]
    [InlineData(WatchEventKinds.Heartbeat, 9)]
    [InlineData(WatchEventKinds.Change, 5)] // already held: a resumed stream may repeat it
    public void Apply_HeartbeatOrOldChange_ReturnsTheSameSnapshot(string kind, long revision)
    {
        var held = WatchApply.Apply(PolicySnapshot.Empty, Snapshot(5));
        var e = kind == WatchEventKinds.Change ? Change(revision, "10.0.0.12") : new WatchEvent { Kind = kind, Revision = revision };

        Assert.Same(held, WatchApply.Apply(held, e));
    }

    [Fact]
    public void Apply_SnapshotBreakingTheRules_ThrowsWithProblems()
    {
        var bad = Snapshot(5);
        bad.Policy!.LookupRecords[0].Vsid = 7777; // a subnet that does not exist

        var e = Assert.Throws<PolicyValidationException>(() => WatchApply.Apply(PolicySnapshot.Empty, bad));

        Assert.NotEmpty(e.Problems);
    }

    private static WatchEvent Snapshot(long revision) => new()
    {
        Kind = WatchEventKinds.Snapshot,
        Revision = revision,
        Policy = new PolicyDocument
        {
            RoutingDomains = [new RoutingDomainDocument { Rdid = Rdid, Name = "blue" }],
            VirtualSubnets = [new VirtualSubnetDocument { Vsid = 5001, Rdid = Rdid, Prefixes = ["10.0.0.0/24"] }],
            ProviderAddresses = [new ProviderAddressDocument { Host = "h1", Pa = "192.0.2.1", PrefixLength = 24 }],
            LookupRecords = [new LookupRecordDocument { Ca = "10.0.0.11", Vsid = 5001, Mac = "02:00:00:00:00:11", Pa = "192.0.2.1" }],
        },
    };

    private static WatchEvent Change(long revision, string ca) => new()
    {
        Kind = WatchEventKinds.Change,
        Revision = revision,
        Upsert = new PolicyDocument { LookupRecords = [new LookupRecordDocument { Ca = ca, Vsid = 5001, Mac = "02:00:00:00:00:12", Pa = "192.0.2.1" }] },
    };
}
