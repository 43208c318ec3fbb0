using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Taps;
using Hnv.Dataplane.Tests.Support;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using static Hnv.Dataplane.Tests.Support.TwoHostNetwork;

namespace Hnv.Dataplane.Tests.Taps;

/// <summary>
/// Taps on two forwarding nodes on memory ports (issue 15): they see each packet at the points they watch, as it was
/// there, honour their filter (VSID and CA even on underlay traffic) and bounds, and forwarding goes on unchanged.
/// </summary>
[Trait("tier", "pure")]
public sealed class PacketTapTests : IDisposable
{
    private static readonly IpAddress Stranger = IpAddress.Parse("10.0.0.99");
    private readonly TwoNodes _nodes = new(1, 2);

    private ForwardingNode Node1 => _nodes.Node1;

    private ForwardingNode Node2 => _nodes.Node2;

    private MemoryVmPort Vm1 => _nodes.Vm1;

    private MemoryVmPort Vm2 => _nodes.Vm2;

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public void APortTapAndAnUnderlayTap_SeeThePacketAsItWasAtEachPoint()
    {
        var ports = new PacketTap(new TapFilter(TapPoints.Ports, Port: 0), 1000, 1 << 20);
        var underlay = new PacketTap(new TapFilter(TapPoints.Underlay, Vsid: 5001, Ca: Ca2), 1000, 1 << 20);
        Assert.True(Node1.AddTap(ports));
        Assert.True(Node2.AddTap(underlay));
        var sent = TwoNodes.Udp(Mac1, Mac2, Ca1, Ca2);

        Vm1.Inject(sent);
        Assert.Equal(sent, TwoNodes.Take(Vm2)); // forwarding is unchanged

        var fromVm = Next(ports);
        Assert.Equal((TapPoints.FromPort, 0, 5001u, true), (fromVm.Point, fromVm.Port, fromVm.Vsid, fromVm.IsFrame));
        Assert.Equal(sent, fromVm.Bytes);
        var arrived = Next(underlay);
        Assert.Equal((TapPoints.FromUnderlay, false), (arrived.Point, arrived.IsFrame));
        Assert.Equal(20 + 8 + sent.Length, arrived.Bytes.Length); // outer IPv4 and GRE with key around the frame
        Assert.Equal(sent, arrived.Bytes[28..]);
    }

    [Fact]
    public void ADropTap_KeepsTheReason_AndThePacketAsItCameIn()
    {
        var drops = new PacketTap(new TapFilter(TapPoints.Dropped), 1000, 1 << 20);
        Node1.AddTap(drops);
        var toNowhere = TwoNodes.Udp(Mac1, Mac2, Ca1, Stranger);
        var spoofed = TwoNodes.Udp(Mac1, Mac2, Stranger, Ca2);

        Vm1.Inject(toNowhere);
        Vm1.Inject(spoofed);

        var first = Next(drops);
        Assert.Equal((TapPoints.Dropped, DropReason.NoLookupRecord, 0), (first.Point, first.Reason, first.Port));
        Assert.Equal(toNowhere, first.Bytes);
        Assert.Equal(DropReason.SourceIpSpoofed, Next(drops).Reason);
    }

    [Fact]
    public void AFilter_LeavesOutOtherPackets_AndAPacketBoundIsHonoured()
    {
        var onlyStranger = new PacketTap(new TapFilter(TapPoints.FromPort, Ca: Stranger), 1000, 1 << 20);
        var twoPerSecond = new PacketTap(new TapFilter(TapPoints.FromPort), 2, 1 << 20);
        Node1.AddTap(onlyStranger);
        Node1.AddTap(twoPerSecond);

        for (var i = 0; i < 5; i++)
        {
            Vm1.Inject(TwoNodes.Udp(Mac1, Mac2, Ca1, Ca2));
        }

        for (var i = 0; i < 5; i++)
        {
            TwoNodes.Take(Vm2);
        }

        Assert.True(SpinWait.SpinUntil(() => twoPerSecond.Taken + twoPerSecond.Missed == 5, TimeSpan.FromSeconds(5)));
        Assert.InRange(twoPerSecond.Taken, 2, 4); // two a second; the five may straddle a second's edge
        Assert.Equal(0, onlyStranger.Taken);
        Assert.False(onlyStranger.Records.TryRead(out _));
    }

    [Fact]
    public void AddTap_RefusesMoreThanItsMaximum_AndARemovedTapSeesNoMore()
    {
        var taps = Enumerable.Range(0, ForwardingNode.MaxTaps).Select(_ => new PacketTap(new TapFilter(TapPoints.FromPort), 10, 1 << 20)).ToList();
        Assert.All(taps, t => Assert.True(Node1.AddTap(t)));
        Assert.False(Node1.AddTap(new PacketTap(new TapFilter(TapPoints.FromPort), 10, 1 << 20)));

        foreach (var tap in taps)
        {
            Node1.RemoveTap(tap);
        }

        Thread.Sleep(WorkerThread.IdleWait * 3); // a batch under way when the tap went may still offer to it
        Vm1.Inject(TwoNodes.Udp(Mac1, Mac2, Ca1, Ca2));
        TwoNodes.Take(Vm2);
        Assert.All(taps, t => Assert.Equal(0, t.Taken));
    }

    private static TapRecord Next(PacketTap tap)
    {
        TapRecord? record = null;
        Assert.True(SpinWait.SpinUntil(() => tap.Records.TryRead(out record), TimeSpan.FromSeconds(5)), "the tap took nothing");
        return record!;
    }
}
