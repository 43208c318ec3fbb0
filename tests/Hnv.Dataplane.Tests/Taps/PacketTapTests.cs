using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Taps;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;
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
    private readonly MemoryFabric _fabric = new();
    private readonly ForwardingNode _node1;
    private readonly ForwardingNode _node2;
    private readonly MemoryVmPort _vm1;
    private readonly MemoryVmPort _vm2;

    public PacketTapTests()
    {
        _node1 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa1 }, _fabric.Connect(Pa1), () => new EventWaiter());
        _node2 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa2 }, _fabric.Connect(Pa2), () => new EventWaiter(), new ForwardingNodeOptions { Workers = 2 });
        var policy = TwoHostPolicy();
        _node1.ApplyPolicy(policy);
        _node2.ApplyPolicy(policy);
        _node1.Start();
        _node2.Start();
        _vm1 = Attach(_node1, "vm1", Mac1, Ca1);
        _vm2 = Attach(_node2, "vm2", Mac2, Ca2);
    }

    public void Dispose()
    {
        _node1.Dispose();
        _node2.Dispose();
    }

    [Fact]
    public void APortTapAndAnUnderlayTap_SeeThePacketAsItWasAtEachPoint()
    {
        var ports = new PacketTap(new TapFilter(TapPoints.Ports, Port: 0), 1000, 1 << 20);
        var underlay = new PacketTap(new TapFilter(TapPoints.Underlay, Vsid: 5001, Ca: Ca2), 1000, 1 << 20);
        Assert.True(_node1.AddTap(ports));
        Assert.True(_node2.AddTap(underlay));
        var sent = Udp(Mac1, Mac2, Ca1, Ca2);

        _vm1.Inject(sent);
        Assert.Equal(sent, Take(_vm2)); // forwarding is unchanged

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
        _node1.AddTap(drops);
        var toNowhere = Udp(Mac1, Mac2, Ca1, Stranger);
        var spoofed = Udp(Mac1, Mac2, Stranger, Ca2);

        _vm1.Inject(toNowhere);
        _vm1.Inject(spoofed);

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
        _node1.AddTap(onlyStranger);
        _node1.AddTap(twoPerSecond);

        for (var i = 0; i < 5; i++)
        {
            _vm1.Inject(Udp(Mac1, Mac2, Ca1, Ca2));
        }

        for (var i = 0; i < 5; i++)
        {
            Take(_vm2);
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
        Assert.All(taps, t => Assert.True(_node1.AddTap(t)));
        Assert.False(_node1.AddTap(new PacketTap(new TapFilter(TapPoints.FromPort), 10, 1 << 20)));

        foreach (var tap in taps)
        {
            _node1.RemoveTap(tap);
        }

        Thread.Sleep(WorkerThread.IdleWait * 3); // a batch under way when the tap went may still offer to it
        _vm1.Inject(Udp(Mac1, Mac2, Ca1, Ca2));
        Take(_vm2);
        Assert.All(taps, t => Assert.Equal(0, t.Taken));
    }

    private static TapRecord Next(PacketTap tap)
    {
        TapRecord? record = null;
        Assert.True(SpinWait.SpinUntil(() => tap.Records.TryRead(out record), TimeSpan.FromSeconds(5)), "the tap took nothing");
        return record!;
    }

    private static MemoryVmPort Attach(ForwardingNode node, string name, MacAddress mac, IpAddress ca)
    {
        MemoryVmPort? device = null;
        Assert.True(node.TryAttach(name, mac, new Vsid(5001), [ca], i => device = new MemoryVmPort(i, name), out _, out var conflict), conflict);
        return device!;
    }

    private static byte[] Take(MemoryVmPort port)
    {
        byte[]? frame = null;
        Assert.True(SpinWait.SpinUntil(() => port.TryTake(out frame), TimeSpan.FromSeconds(5)), "nothing arrived");
        return frame!;
    }

    private static byte[] Udp(MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst)
    {
        var buffer = new byte[200];
        return buffer[..FrameBuilder.Udp(buffer, srcMac, dstMac, src, dst, 40000, 53, [1, 2, 3, 4])];
    }
}
