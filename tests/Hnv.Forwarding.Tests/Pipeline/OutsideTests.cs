using System.Collections.Immutable;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Tunnel;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>The gateway's node (PA 192.0.2.9) with tenant A's outside port: VMs' packets out, the outside's replies in.</summary>
[Trait("tier", "pure")]
public sealed class OutsideTests
{
    private static readonly MacAddress OutsideMac = MacAddress.Parse("02:00:00:00:ee:01");
    private static readonly IpAddress Internet = IpAddress.Parse("203.0.113.53");
    private readonly ForwardingCounters _counters = new();

    private static NodeSnapshot Gateway(Guid? outsideOf = null) =>
        new(Fixtures.TestNetwork.Policy(), new NodeSettings { ProviderAddressV4 = GatewayPa },
            [new LocalPort(0, "out-a", OutsideMac, default, ImmutableArray<IpAddress>.Empty) { OutsideOf = new Rdid(outsideOf ?? RdidA) }]);

    private static PacketBuffer FromA1ToInternet(IpAddress? fromPa = null, IpAddress? destination = null, MacAddress? toMac = null, Vm? vm = null)
    {
        var sender = vm ?? A1;
        return Nvgre(Build(s => FrameBuilder.Udp(s, NodeSettings.DefaultRouterMac, toMac ?? GatewayWildcardMac, sender.Ca4, destination ?? Internet, 40000, 53, [1, 2, 3])),
            fromPa ?? sender.Pa4, GatewayPa, sender.Vsid);
    }

    private static PacketBuffer FromInternet(IpAddress destination, IpAddress? source = null, MacAddress? fromMac = null) =>
        Build(s => FrameBuilder.Udp(s, fromMac ?? OutsideMac, NodeSettings.DefaultRouterMac, source ?? Internet, destination, 53, 40000, [4, 5, 6]));

    [Fact]
    public void FromUnderlay_VmToTheInternet_LeavesThroughItsDomainsOutsidePortAddressedToIt()
    {
        var packet = FromA1ToInternet();

        var verdict = ForwardingPipeline.FromUnderlay(packet, Gateway(), _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
        Assert.Equal(0, verdict.Port);
        Assert.True(EthernetFrame.TryRead(packet.Data, out var eth));
        Assert.Equal(OutsideMac, eth.Destination);
        var summary = Parse(packet.Data);
        Assert.Equal(A1.Ca4, summary.Source);
        Assert.Equal(Internet, summary.Destination);
        Assert.Equal(1, _counters.Port(0).SentPackets);
    }

    [Fact]
    public void FromUnderlay_VmSentFromAnotherHostsPa_DropsSourcePaMismatch() =>
        Assert.Equal(DropReason.SourcePaMismatch, ForwardingPipeline.FromUnderlay(FromA1ToInternet(fromPa: Host2Pa), Gateway(), _counters).Reason);

    [Fact]
    public void FromUnderlay_UnknownCaInsideTheDomain_DropsUnknownDestination() =>
        Assert.Equal(DropReason.UnknownDestination,
            ForwardingPipeline.FromUnderlay(FromA1ToInternet(destination: IpAddress.Parse("10.0.0.99")), Gateway(), _counters).Reason);

    [Fact]
    public void FromUnderlay_NotToTheWildcardsMac_DropsUnknownDestination() =>
        Assert.Equal(DropReason.UnknownDestination,
            ForwardingPipeline.FromUnderlay(FromA1ToInternet(toMac: MacAddress.Parse("02:00:00:00:ff:99")), Gateway(), _counters).Reason);

    [Fact]
    public void FromUnderlay_DomainThisGatewayHasNoOutsideFor_NeverReachesAnotherDomainsOutside()
    {
        // Tenant B's VM with tenant A's CAs sends the same packet: the gateway serves only tenant A.
        var verdict = ForwardingPipeline.FromUnderlay(FromA1ToInternet(vm: B1), Gateway(), _counters);

        Assert.Equal(VerdictKind.Drop, verdict.Kind);
        Assert.Equal(0, _counters.Port(0).SentPackets);
    }

    [Fact]
    public void FromUnderlay_DomainWhoseWildcardNamesThisGatewayButWithoutAnOutsidePort_DropsUnknownDestination()
    {
        // Tenant B's subnet sends to this gateway too, but the gateway serves only tenant A: B's packet must not leave through A's port.
        var document = Fixtures.TestNetwork.Document();
        document.LookupRecords.Add(new Policy.Documents.LookupRecordDocument { Ca = "0.0.0.0", Vsid = 6001, Mac = "02:00:00:00:ff:02", Pa = GatewayPa.ToString(), Type = "GatewayWildcard" });
        Assert.Empty(Policy.Validation.PolicyValidator.Validate(document, out var set));
        var gateway = new NodeSnapshot(Policy.Snapshots.PolicySnapshot.Build(set!, 1), new NodeSettings { ProviderAddressV4 = GatewayPa },
            [new LocalPort(0, "out-a", OutsideMac, default, ImmutableArray<IpAddress>.Empty) { OutsideOf = new Rdid(RdidA) }]);

        var verdict = ForwardingPipeline.FromUnderlay(FromA1ToInternet(vm: B1, toMac: MacAddress.Parse("02:00:00:00:ff:02")), gateway, _counters);

        Assert.Equal(DropReason.UnknownDestination, verdict.Reason);
        Assert.Equal(0, _counters.Port(0).SentPackets);
    }

    [Fact]
    public void FromOutside_ReplyToAVm_IsEncapsulatedToItsHostInItsVsid()
    {
        var packet = FromInternet(A1.Ca4);

        var verdict = ForwardingPipeline.FromPort(packet, 0, Gateway(), _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(Host1Pa, verdict.ProviderAddress);
        Assert.Equal(new Vsid(5001), verdict.Vsid);

        // What host1 receives is delivered to A1 as a frame from the default router: the agent's side accepts it.
        var host1 = Host1();
        var delivered = ForwardingPipeline.FromUnderlay(packet, host1, new ForwardingCounters());
        Assert.Equal(VerdictKind.Deliver, delivered.Kind);
        Assert.Equal(0, delivered.Port);
        Assert.True(EthernetFrame.TryRead(packet.Data, out var eth));
        Assert.Equal(A1.Mac, eth.Destination);
        Assert.Equal(NodeSettings.DefaultRouterMac, eth.Source);
    }

    [Fact]
    public void FromOutside_ClaimingAVmsAddress_DropsOutsideSourceInside() =>
        Assert.Equal(DropReason.OutsideSourceInside, ForwardingPipeline.FromPort(FromInternet(A1.Ca4, source: A3.Ca4), 0, Gateway(), _counters).Reason);

    [Fact]
    public void FromOutside_ToAnAddressWithoutRecord_IsNeverSentToAGatewayAgain() =>
        Assert.Equal(DropReason.NoRoute, ForwardingPipeline.FromPort(FromInternet(IpAddress.Parse("198.51.100.1")), 0, Gateway(), _counters).Reason);

    [Fact]
    public void FromOutside_FromAnotherMac_DropsSourceMacSpoofed() =>
        Assert.Equal(DropReason.SourceMacSpoofed,
            ForwardingPipeline.FromPort(FromInternet(A1.Ca4, fromMac: MacAddress.Parse("02:00:00:00:ee:02")), 0, Gateway(), _counters).Reason);

    [Fact]
    public void FromOutside_Arp_DropsNonIp() =>
        Assert.Equal(DropReason.NonIp,
            ForwardingPipeline.FromPort(Build(s => FrameBuilder.ArpRequest(s, OutsideMac, Internet, A1.Ca4)), 0, Gateway(), _counters).Reason);

    [Fact]
    public void FromOutside_DomainNotInPolicy_DropsOutsideDomainUnknown() =>
        Assert.Equal(DropReason.OutsideDomainUnknown, ForwardingPipeline.FromPort(FromInternet(A1.Ca4), 0, Gateway(Guid.NewGuid()), _counters).Reason);

    [Fact]
    public void FromOutside_TenantBsOutside_ReachesOnlyTenantB()
    {
        // Both tenants hold 10.0.0.10: the port's domain decides whose VM it is.
        var gateway = new NodeSnapshot(Fixtures.TestNetwork.Policy(), new NodeSettings { ProviderAddressV4 = GatewayPa },
            [new LocalPort(0, "out-b", OutsideMac, default, ImmutableArray<IpAddress>.Empty) { OutsideOf = new Rdid(RdidB) }]);

        var verdict = ForwardingPipeline.FromPort(FromInternet(B1.Ca4), 0, gateway, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(new Vsid(6001), verdict.Vsid);
    }
}
