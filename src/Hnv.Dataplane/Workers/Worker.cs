using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Taps;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// The forwarding loop's body: read a batch from each port and from the underlay, run the pipeline on each
/// packet, carry out the verdict. One worker owns its buffer and its counters, so nothing here locks or
/// allocates per packet; the state is read once per batch. Waiting for packets is the caller's business
/// (a thread waiting on the ports' file descriptors, or a test calling <see cref="Pump()"/> directly).
/// A port may hand over a TCP super-frame as a run of segments: a segment answered with an ICMP error ends the
/// run (<see cref="IVmPort.SkipSegments"/>). Sends may be queued by ports and underlay; every batch ends with a flush.
/// A worker reads only its <paramref name="sources"/>, and sends as <paramref name="writer"/> (below
/// <see cref="IVmPort.MaxWriters"/>): two workers that each read one direction write to the same ports and underlay,
/// each through its own queues there.
/// </summary>
public sealed partial class Worker(StateHolder holder, IUnderlayPort underlay, int batchSize = 64, WorkerSources sources = WorkerSources.All, int writer = 0)
{
    private readonly PacketBuffer _buffer = new();

    /// <summary>This worker's counters (read them from any thread; only this worker writes).</summary>
    public ForwardingCounters Counters { get; } = new();

    /// <summary>Underlay sends that failed (no route, socket error), counted here rather than thrown.</summary>
    public long UnderlaySendFailures { get; private set; }

    /// <summary>Port sends that failed.</summary>
    public long PortSendFailures { get; private set; }

    private long _batches;
    private long _packets;
    private long _fullBatches;

    /// <summary>How many batches have started: one that started after a publish uses the new state.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Packets read from this worker's sources.</summary>
    public long Packets => Volatile.Read(ref _packets);

    /// <summary>
    /// Batches that ended with a source still holding packets (a full batch): a worker that is mostly full batches
    /// is saturated, one that is mostly not waits for work.
    /// </summary>
    public long FullBatches => Volatile.Read(ref _fullBatches);

    /// <summary>What this worker reads.</summary>
    public WorkerSources Sources => sources;

    /// <summary>Processes up to one batch from each of this worker's sources (every port, the underlay); returns the packets handled.</summary>
    public int Pump() => Pump(default, all: true);

    /// <summary>
    /// Processes up to one batch from each source in <paramref name="ready"/> (port indexes, or
    /// <see cref="DataplaneHandles.Underlay"/>): the ones the waiter saw readable, so idle ports cost nothing.
    /// </summary>
    public int Pump(ReadOnlySpan<int> ready) => Pump(ready, all: false);

    private int Pump(ReadOnlySpan<int> ready, bool all)
    {
        Volatile.Write(ref _batches, _batches + 1);
        var state = holder.Current;
        var handled = 0;
        var drained = true;
        if (Injections is { IsEmpty: false })
        {
            SendProbes(state);
        }

        if (all)
        {
            if ((sources & WorkerSources.VmPorts) != 0)
            {
                foreach (var port in state.Ports)
                {
                    handled += port is null ? 0 : Count(PumpPort(port, state), ref drained);
                }
            }

            if ((sources & WorkerSources.Underlay) != 0)
            {
                handled += Count(PumpUnderlay(state), ref drained);
            }
        }
        else
        {
            foreach (var source in ready)
            {
                handled += Count(source == DataplaneHandles.Underlay ? PumpUnderlay(state)
                    : state.Port(source) is { } port ? PumpPort(port, state) : 0, ref drained);
            }
        }

        Flush(state, drained);
        Volatile.Write(ref _packets, _packets + handled);
        if (!drained)
        {
            Volatile.Write(ref _fullBatches, _fullBatches + 1);
        }

        return handled;
    }

    private int PumpPort(IVmPort port, DataplaneState state)
    {
        var taps = state.Taps;
        var handled = 0;
        for (; handled < batchSize; handled++)
        {
            _buffer.Reset();
            if (!port.TryReceive(_buffer))
            {
                break;
            }

            if (!taps.IsEmpty)
            {
                TapIngress(taps, TapPoints.FromPort, port.Index, state);
            }

            var verdict = ForwardingPipeline.FromPort(_buffer, port.Index, state.Snapshot, Counters);
            if (!taps.IsEmpty)
            {
                TapVerdict(taps, verdict, fromPort: port.Index);
            }

            if (verdict.Kind == VerdictKind.Reply)
            {
                port.SkipSegments();
            }

            Carry(verdict, state);
        }

        return handled;
    }

    private int PumpUnderlay(DataplaneState state)
    {
        var taps = state.Taps;
        var handled = 0;
        for (; handled < batchSize; handled++)
        {
            _buffer.Reset();
            if (!underlay.TryReceive(_buffer))
            {
                break;
            }

            if (TakeProbe(state))
            {
                continue;
            }

            if (taps.IsEmpty)
            {
                Carry(ForwardingPipeline.FromUnderlay(_buffer, state.Snapshot, Counters), state);
                continue;
            }

            TapIngress(taps, TapPoints.FromUnderlay, -1, state);
            var verdict = ForwardingPipeline.FromUnderlay(_buffer, state.Snapshot, Counters);
            TapVerdict(taps, verdict, fromPort: -1);
            Carry(verdict, state);
        }

        return handled;
    }

    /// <summary>A full batch means more is waiting at that source.</summary>
    private int Count(int handled, ref bool drained)
    {
        drained &= handled < batchSize;
        return handled;
    }

    /// <summary>
    /// Ends the batch: the underlay sends what it queued. Ports that coalesce write what they hold once every
    /// source was drained: while a source still has packets (its batch was full), the next round follows at
    /// once and may continue the same TCP run, so a 45-segment run is not cut at a batch boundary.
    /// </summary>
    private void Flush(DataplaneState state, bool drained)
    {
        if (drained)
        {
            foreach (var port in state.Ports)
            {
                port?.Flush(writer);
            }
        }

        underlay.Flush(writer);
    }

    private void Carry(Verdict verdict, DataplaneState state)
    {
        switch (verdict.Kind)
        {
            case VerdictKind.Deliver:
            case VerdictKind.Reply:
                if (state.Port(verdict.Port) is not { } port || !port.Send(_buffer.Data, writer, _buffer.SegmentSize))
                {
                    PortSendFailures++;
                }

                break;
            case VerdictKind.Encapsulate:
                if (!underlay.Send(verdict.ProviderAddress, _buffer, writer))
                {
                    UnderlaySendFailures++;
                }

                break;
        }
    }
}
