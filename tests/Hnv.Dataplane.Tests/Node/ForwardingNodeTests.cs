using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;
using static Hnv.Dataplane.Tests.Support.TwoHostNetwork;

namespace Hnv.Dataplane.Tests.Node;

/// <summary>
/// Two whole forwarding nodes on memory ports and a memory fabric, their workers on real threads: what one VM sends
/// reaches the VM on the other node, attach and detach change what is served, and nothing of Linux is involved.
/// </summary>
[Trait("tier", "pure")]
public sealed class ForwardingNodeTests : IDisposable
{
    private readonly MemoryFabric _fabric = new();
    private readonly ForwardingNode _node1;
    private readonly ForwardingNode _node2;

    public ForwardingNodeTests()
    {
        _node1 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa1 }, _fabric.Connect(Pa1), () => new EventWaiter());
        _node2 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa2 }, _fabric.Connect(Pa2), () => new EventWaiter(), new ForwardingNodeOptions { Workers = 2 });
        var policy = TwoHostPolicy();
        _node1.ApplyPolicy(policy);
        _node2.ApplyPolicy(policy);
        _node1.Start();
        _node2.Start();
    }

    public void Dispose()
    {
        _node1.Dispose();
        _node2.Dispose();
    }

    [Fact]
    public void Forward_VmToVmOnAnotherNode_Arrives()
    {
        var vm1 = Attach(_node1, "vm1", Mac1, Ca1);
        var vm2 = Attach(_node2, "vm2", Mac2, Ca2);

        vm1.Inject(Udp(Mac1, Mac2, Ca1, Ca2));

        var frame = Take(vm2);
        Assert.Equal(Udp(Mac1, Mac2, Ca1, Ca2), frame);
        Assert.Equal(1, _node1.Counters.Vsids().Single(v => v.Key == 5001).Value.EncapsulatedPackets);
        Assert.Equal(1, _node2.Counters.Vsids().Single(v => v.Key == 5001).Value.DecapsulatedPackets);
        Assert.Equal(2, _node2.Workers.Count);
    }

    [Fact]
    public void TryAttach_NameOrMacTaken_ConflictAndNodeUnchanged()
    {
        Attach(_node1, "vm1", Mac1, Ca1);

        Assert.False(_node1.TryAttach("vm1", Mac2, new Vsid(5001), [Ca2], i => new MemoryVmPort(i, "x"), out _, out var sameName));
        Assert.False(_node1.TryAttach("other", Mac1, new Vsid(5001), [Ca2], i => new MemoryVmPort(i, "x"), out _, out var sameMac));

        Assert.Contains("vm1", sameName, StringComparison.Ordinal);
        Assert.Contains(Mac1.ToString(), sameMac, StringComparison.Ordinal);
        Assert.Equal(["vm1"], _node1.Ports.Select(p => p.Name));
    }

    [Fact]
    public void TryAttach_DeviceFails_NothingAttached()
    {
        Assert.Throws<IOException>(() => _node1.TryAttach("vm1", Mac1, new Vsid(5001), [Ca1], _ => throw new IOException("no device"), out _, out _));

        Assert.Empty(_node1.Ports);
        Assert.Equal(0, Attach(_node1, "vm1", Mac1, Ca1).Index); // the index was not used up
    }

    [Fact]
    public void Detach_Port_FramesForItAreDroppedAsMissing()
    {
        var vm1 = Attach(_node1, "vm1", Mac1, Ca1);
        var vm2 = Attach(_node2, "vm2", Mac2, Ca2);

        Assert.Equal("vm2", _node2.Detach("vm2")!.Name);
        Assert.Null(_node2.Detach("vm2"));
        vm1.Inject(Udp(Mac1, Mac2, Ca1, Ca2));

        Assert.True(SpinWait.SpinUntil(() => _node2.Counters.Drops(DropReason.DestinationNotLocal) == 1, TimeSpan.FromSeconds(5)));
        Assert.Empty(vm2.Delivered);
    }

    private static MemoryVmPort Attach(ForwardingNode node, string name, MacAddress mac, IpAddress ca)
    {
        MemoryVmPort? device = null;
        Assert.True(node.TryAttach(name, mac, new Vsid(5001), [ca], i => device = new MemoryVmPort(i, name), out var port, out var conflict), conflict);
        Assert.Same(device, port.Port);
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
