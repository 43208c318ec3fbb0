using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;
using static Hnv.Dataplane.Tests.Support.TwoHostNetwork;

namespace Hnv.Dataplane.Tests.Probes;

/// <summary>
/// Live-trace probes on two forwarding nodes (issue 15): the sender's worker traces the probe into the real underlay,
/// the receiver's worker gives it to the catcher armed for it, traced; it never reaches a VM; one nobody waits for is a
/// counted drop; a VM's frame that merely ends like a probe is forwarded as any other.
/// </summary>
[Trait("tier", "pure")]
public sealed class ProbeTests : IDisposable
{
    private readonly MemoryFabric _fabric = new();
    private readonly ForwardingNode _node1;
    private readonly ForwardingNode _node2;
    private readonly MemoryVmPort _vm1;
    private readonly MemoryVmPort _vm2;

    public ProbeTests()
    {
        _node1 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa1 }, _fabric.Connect(Pa1), () => new EventWaiter(), new ForwardingNodeOptions { Workers = 2 });
        _node2 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa2 }, _fabric.Connect(Pa2), () => new EventWaiter());
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
    public async Task AProbe_IsTracedOnBothHosts_AndReachesNoVm()
    {
        var catcher = _node2.Arm(42);

        var sent = await _node1.SendProbeAsync(0, Probe(42)).WaitAsync(TimeSpan.FromSeconds(5));
        var caught = await catcher.Caught.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(VerdictKind.Encapsulate, sent.Verdict.Kind);
        Assert.Contains(sent.Steps, s => s.Stage == Stage.Encapsulate);
        Assert.Equal(1, sent.Revision);
        Assert.NotNull(sent.Outer);
        Assert.True(ProbeMark.IsMarkedOuter(sent.Outer));
        Assert.Equal((VerdictKind.Deliver, "vm2"), (caught.Verdict.Kind, caught.Port));
        Assert.Equal(Stage.Decapsulate, caught.Steps[^1].Stage);
        Thread.Sleep(200);
        Assert.False(_vm2.TryTake(out _)); // the guest never sees it
        Assert.Equal(0, _node1.Counters.Vsids().Sum(v => v.Value.EncapsulatedPackets)); // nor do the VMs' counters
    }

    [Fact]
    public async Task AProbeNobodyWaitsFor_IsDroppedAndCounted()
    {
        await _node1.SendProbeAsync(0, Probe(7)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(SpinWait.SpinUntil(() => _node2.Counters.Drops(DropReason.ProbeUnclaimed) == 1, TimeSpan.FromSeconds(5)));
        Assert.False(_vm2.TryTake(out _));
    }

    [Fact]
    public void AVmsFrameEndingLikeAProbe_IsForwardedAsAnyOther()
    {
        var catcher = _node2.Arm(9);
        var frame = Probe(9); // the tail alone; only an agent writes the outer mark

        _vm1.Inject(frame);

        byte[]? arrived = null;
        Assert.True(SpinWait.SpinUntil(() => _vm2.TryTake(out arrived), TimeSpan.FromSeconds(5)));
        Assert.Equal(frame, arrived);
        Assert.False(catcher.Caught.Task.IsCompleted);
        _node2.Disarm(catcher);
    }

    private static byte[] Probe(ulong id)
    {
        var payload = new byte[32];
        ProbeMark.WriteTail(payload, id);
        var buffer = new byte[200];
        return buffer[..FrameBuilder.Udp(buffer, Mac1, Mac2, Ca1, Ca2, 40000, 53, payload)];
    }

    private static MemoryVmPort Attach(ForwardingNode node, string name, MacAddress mac, IpAddress ca)
    {
        MemoryVmPort? device = null;
        Assert.True(node.TryAttach(name, mac, new Vsid(5001), [ca], i => device = new MemoryVmPort(i, name), out _, out var conflict), conflict);
        return device!;
    }
}
