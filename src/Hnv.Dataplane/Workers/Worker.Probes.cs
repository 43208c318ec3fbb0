using System.Collections.Concurrent;
using Hnv.Dataplane.Probes;
using Hnv.Dataplane.State;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// Live-trace probes on the real data path: the worker that reads VM ports sends each injected probe through the
/// pipeline as if its VM had sent it (traced, with counters of its own) and on into the underlay, marked; a worker that
/// reads the underlay gives a marked probe to the catcher waiting for it, traced, or drops it. A probe is never written
/// to a VM port: it never reaches a guest.
/// </summary>
public sealed partial class Worker
{
    /// <summary>Where <see cref="Node.ForwardingNode"/> puts probes to send; only the worker reading VM ports takes them.</summary>
    internal ConcurrentQueue<ProbeInjection>? Injections { get; init; }

    private void SendProbes(DataplaneState state)
    {
        while (Injections!.TryDequeue(out var probe))
        {
            _buffer.Reset();
            _buffer.Load(probe.Frame);
            var trace = new CollectingTrace();
            var verdict = ForwardingPipeline.FromPort(_buffer, probe.Port, state.Snapshot, new ForwardingCounters(), ref trace);
            byte[]? outer = null;
            if (verdict.Kind == VerdictKind.Encapsulate)
            {
                ProbeMark.MarkOuter(_buffer.Data);
                outer = _buffer.Data.ToArray(); // a probe is one small packet
                Carry(verdict, state);
            }

            probe.Done.TrySetResult(new ProbeObservation(state.Snapshot.Policy.Revision, trace.Steps, verdict, PortName(state, verdict), outer));
        }
    }

    /// <summary>
    /// True when the packet in the buffer was a probe, now taken by its catcher or dropped. A probe carries both marks:
    /// the outer one only agents write, and the tail with its id; a packet with the outer mark alone (another NVGRE
    /// implementation's flow label, say) is traffic like any other.
    /// </summary>
    private bool TakeProbe(DataplaneState state)
    {
        var data = _buffer.Data;
        if (!ProbeMark.IsMarkedOuter(data) || !ProbeMark.TryReadTail(data, out var id))
        {
            return false;
        }

        ProbeCatcher? catcher = null;
        foreach (var armed in state.Probes)
        {
            if (armed.Id == id)
            {
                catcher = armed;
            }
        }

        if (catcher is null)
        {
            Counters.CountDrop(DropReason.ProbeUnclaimed);
            return true;
        }

        var trace = new CollectingTrace();
        var verdict = ForwardingPipeline.FromUnderlay(_buffer, state.Snapshot, new ForwardingCounters(), ref trace);
        catcher.Caught.TrySetResult(new ProbeObservation(state.Snapshot.Policy.Revision, trace.Steps, verdict, PortName(state, verdict), null));
        return true;
    }

    private static string? PortName(DataplaneState state, Verdict verdict) =>
        verdict.Kind is VerdictKind.Deliver or VerdictKind.Reply && state.Snapshot.TryGetPort(verdict.Port, out var port) ? port.Name : null;
}
