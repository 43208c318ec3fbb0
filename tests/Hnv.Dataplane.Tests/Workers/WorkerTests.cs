using System.Collections.Immutable;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;
using static Hnv.Dataplane.Tests.Support.TwoHostNetwork;

namespace Hnv.Dataplane.Tests.Workers;

/// <summary>Two hosts' workers forwarding to each other over an in-memory underlay, with the real pipeline.</summary>
[Trait("tier", "pure")]
public sealed class WorkerTests : IDisposable
{
    private readonly MemoryFabric _fabric = new();
    private readonly MemoryVmPort _vm1 = new(0, "tap-vm1");
    private readonly MemoryVmPort _vm2 = new(0, "tap-vm2");
    private readonly StateHolder _host1;
    private readonly StateHolder _host2;
    private readonly Worker _worker1;
    private readonly Worker _worker2;

    public WorkerTests()
    {
        var policy = TwoHostPolicy(withVm2: true, revision: 1);
        _host1 = new StateHolder(new DataplaneState(Host(policy, Pa1, Mac1, Ca1), [_vm1]));
        _host2 = new StateHolder(new DataplaneState(Host(policy, Pa2, Mac2, Ca2), [_vm2]));
        _worker1 = new Worker(_host1, _fabric.Connect(Pa1));
        _worker2 = new Worker(_host2, _fabric.Connect(Pa2));
    }

    public void Dispose()
    {
        _vm1.Dispose();
        _vm2.Dispose();
    }

    [Fact]
    public void Pump_FrameFromVmOnHost1_ArrivesAtVmOnHost2Unchanged()
    {
        var frame = Udp();
        _vm1.Inject(frame);

        Assert.Equal(1, _worker1.Pump()); // encapsulated onto the fabric
        Assert.Equal(1, _worker2.Pump()); // decapsulated to vm2

        Assert.True(_vm2.TryTake(out var received));
        Assert.Equal(frame, received);
        Assert.Equal(1, _worker1.Counters.Vsid(5001).EncapsulatedPackets);
        Assert.Equal(1, _worker2.Counters.Vsid(5001).DecapsulatedPackets);
    }

    [Fact]
    public void PumpReady_OnlyTheListedSourcesAreRead()
    {
        _vm1.Inject(Udp());

        Assert.Equal(0, _worker1.Pump([DataplaneHandles.Underlay])); // vm1 not listed: its frame waits
        Assert.Equal(1, _worker1.Pump([0]));
        Assert.Equal(0, _worker2.Pump([0]));                          // the fabric has it, but the underlay was not listed
        Assert.Equal(1, _worker2.Pump([DataplaneHandles.Underlay]));
        Assert.True(_vm2.TryTake(out _));
    }

    [Fact]
    public void Pump_ArpRequest_IsAnsweredBackToTheSameVm()
    {
        var request = new byte[64];
        var length = FrameBuilder.ArpRequest(request, Mac1, Ca1, Ca2);
        _vm1.Inject(request.AsSpan(0, length));

        _worker1.Pump();

        Assert.True(_vm1.TryTake(out var reply));
        Assert.Equal(Mac2, MacAddress.Read(reply.AsSpan(6))); // "Ca2 is at Mac2", from policy
        Assert.Equal(0, _worker2.Pump());                     // nothing crossed the fabric
    }

    [Fact]
    public void Publish_PolicyWithoutTheDestination_TakesEffectAtTheNextBatch()
    {
        _host1.Update(state => new DataplaneState(state.Snapshot.WithPolicy(TwoHostPolicy(withVm2: false, revision: 2)), state.Ports.OfType<IVmPort>()));
        _vm1.Inject(Udp());

        _worker1.Pump();

        Assert.Equal(1, _worker1.Counters.Drops(DropReason.NoLookupRecord));
        Assert.Equal(0, _worker2.Pump());
    }

    [Fact]
    public void Pump_BatchSize_BoundsWorkPerCall()
    {
        var worker = new Worker(_host1, _fabric.Connect(Pa1), batchSize: 4);
        for (var i = 0; i < 10; i++)
        {
            _vm1.Inject(Udp());
        }

        Assert.Equal(4, worker.Pump());
        Assert.Equal(4, worker.Pump());
        Assert.Equal(2, worker.Pump());
        Assert.Equal((3L, 10L, 2L), (worker.Batches, worker.Packets, worker.FullBatches)); // the first two left packets waiting
    }

    [Fact]
    public void SplitWorkers_EachReadsOnlyItsDirection_AndTheCountsAddUp()
    {
        var underlay1 = _fabric.Connect(Pa1);
        var fromVms = new Worker(_host1, underlay1, sources: WorkerSources.VmPorts, writer: 0);
        var fromUnderlay = new Worker(_host1, underlay1, sources: WorkerSources.Underlay, writer: 1);
        _vm1.Inject(Udp());
        _vm2.Inject(Udp(from: Ca2, to: Ca1, source: Mac2, destination: Mac1));

        Assert.Equal(0, fromUnderlay.Pump());  // vm1's frame is not its to read
        Assert.Equal(1, _worker2.Pump());      // vm2's frame goes onto the fabric toward host1
        Assert.Equal(1, fromVms.Pump());       // does not read host1's underlay, where vm2's frame waits
        Assert.Equal(1, fromUnderlay.Pump());
        Assert.Equal(1, _worker2.Pump());

        Assert.True(_vm1.TryTake(out var atVm1));
        Assert.Equal(Udp(from: Ca2, to: Ca1, source: Mac2, destination: Mac1), atVm1);
        Assert.True(_vm2.TryTake(out _));
        var sum = Forwarding.Counters.ForwardingCounters.Sum([fromVms.Counters, fromUnderlay.Counters]);
        Assert.Equal(1, sum.Vsid(5001).EncapsulatedPackets);
        Assert.Equal(1, sum.Vsid(5001).DecapsulatedPackets);
        Assert.Equal(1, sum.PortOrNull(0)!.ReceivedPackets); // counted by the worker that read the VM port
        Assert.Equal(1, sum.PortOrNull(0)!.SentPackets);     // counted by the one that read the underlay
        Assert.Equal(0, fromVms.Counters.PortOrNull(0)!.SentPackets);
    }

    [Fact]
    public void SplitWorkers_ArpIsAnsweredByTheWorkerThatReadsTheVm()
    {
        var underlay1 = _fabric.Connect(Pa1);
        var fromVms = new Worker(_host1, underlay1, sources: WorkerSources.VmPorts, writer: 0);
        var fromUnderlay = new Worker(_host1, underlay1, sources: WorkerSources.Underlay, writer: 1);
        var request = new byte[64];
        _vm1.Inject(request.AsSpan(0, FrameBuilder.ArpRequest(request, Mac1, Ca1, Ca2)));

        Assert.Equal(0, fromUnderlay.Pump());
        Assert.False(_vm1.TryTake(out _));
        Assert.Equal(1, fromVms.Pump());
        Assert.True(_vm1.TryTake(out var reply));
        Assert.Equal(Mac2, MacAddress.Read(reply.AsSpan(6)));
    }

    [Fact]
    public void HandlesOf_ListsOnlyTheSourcesAWorkerReads()
    {
        using var fd = new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false);
        var state = new DataplaneState(_host1.Current.Snapshot, [new HandlePort(fd)]);
        var underlay = new HandleUnderlay(fd);

        Assert.Equal([DataplaneHandles.Underlay, 0], DataplaneHandles.Of(state, underlay).Sources);
        Assert.Equal([0], DataplaneHandles.Of(state, underlay, WorkerSources.VmPorts).Sources);
        Assert.Equal([DataplaneHandles.Underlay], DataplaneHandles.Of(state, underlay, WorkerSources.Underlay).Sources);
    }

    private sealed class HandlePort(System.Runtime.InteropServices.SafeHandle handle) : IVmPort
    {
        public int Index => 0;

        public string Name => "fd";

        public System.Runtime.InteropServices.SafeHandle? Handle => handle;

        public bool TryReceive(Forwarding.Buffers.PacketBuffer buffer) => false;

        public bool Send(ReadOnlySpan<byte> frame, int writer = 0, int segmentSize = 0) => false;

        public void Flush(int writer = 0)
        {
        }

        public void SkipSegments()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class HandleUnderlay(System.Runtime.InteropServices.SafeHandle handle) : IUnderlayPort
    {
        public IReadOnlyList<System.Runtime.InteropServices.SafeHandle> Handles => [handle];

        public bool TryReceive(Forwarding.Buffers.PacketBuffer buffer) => false;

        public bool Send(IpAddress providerAddress, Forwarding.Buffers.PacketBuffer buffer, int writer = 0) => false;

        public void Flush(int writer = 0)
        {
        }

        public void Dispose()
        {
        }
    }

    private static byte[] Udp(IpAddress? from = null, IpAddress? to = null, MacAddress? source = null, MacAddress? destination = null)
    {
        var frame = new byte[128];
        var length = FrameBuilder.Udp(frame, source ?? Mac1, destination ?? Mac2, from ?? Ca1, to ?? Ca2, 40000, 9999, [1, 2, 3, 4]);
        return frame[..length];
    }

    private static NodeSnapshot Host(PolicySnapshot policy, IpAddress pa, MacAddress mac, IpAddress ca) =>
        new(policy, new NodeSettings { ProviderAddressV4 = pa }, [new LocalPort(0, "tap", mac, new Vsid(5001), ImmutableArray.Create(ca))]);
}
