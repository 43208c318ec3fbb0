using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Tests.Support;
using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;
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
    private readonly TwoNodes _nodes = new(2, 1);

    private ForwardingNode Node1 => _nodes.Node1;

    private ForwardingNode Node2 => _nodes.Node2;

    private MemoryVmPort Vm1 => _nodes.Vm1;

    private MemoryVmPort Vm2 => _nodes.Vm2;

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task AProbe_IsTracedOnBothHosts_AndReachesNoVm()
    {
        var catcher = Node2.Arm(42);

        var sent = await Node1.SendProbeAsync(0, Probe(42)).WaitAsync(TimeSpan.FromSeconds(5));
        var caught = await catcher.Caught.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(VerdictKind.Encapsulate, sent.Verdict.Kind);
        Assert.Contains(sent.Steps, s => s.Stage == Stage.Encapsulate);
        Assert.Equal(1, sent.Revision);
        Assert.NotNull(sent.Outer);
        Assert.True(ProbeMark.IsMarkedOuter(sent.Outer));
        Assert.Equal((VerdictKind.Deliver, "vm2"), (caught.Verdict.Kind, caught.Port));
        Assert.Equal(Stage.Decapsulate, caught.Steps[^1].Stage);
        Thread.Sleep(200);
        Assert.False(Vm2.TryTake(out _)); // the guest never sees it
        Assert.Equal(0, Node1.Counters.Vsids().Sum(v => v.Value.EncapsulatedPackets)); // nor do the VMs' counters
    }

    [Fact]
    public async Task AProbeNobodyWaitsFor_IsDroppedAndCounted()
    {
        await Node1.SendProbeAsync(0, Probe(7)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(SpinWait.SpinUntil(() => Node2.Counters.Drops(DropReason.ProbeUnclaimed) == 1, TimeSpan.FromSeconds(5)));
        Assert.False(Vm2.TryTake(out _));
    }

    [Fact]
    public void AVmsFrameEndingLikeAProbe_IsForwardedAsAnyOther()
    {
        var catcher = Node2.Arm(9);
        var frame = Probe(9); // the tail alone; only an agent writes the outer mark

        Vm1.Inject(frame);

        byte[]? arrived = null;
        Assert.True(SpinWait.SpinUntil(() => Vm2.TryTake(out arrived), TimeSpan.FromSeconds(5)));
        Assert.Equal(frame, arrived);
        Assert.False(catcher.Caught.Task.IsCompleted);
        Node2.Disarm(catcher);
    }

    private static byte[] Probe(ulong id)
    {
        var payload = new byte[32];
        ProbeMark.WriteTail(payload, id);
        return TwoNodes.Udp(Mac1, Mac2, Ca1, Ca2, payload);
    }
}
