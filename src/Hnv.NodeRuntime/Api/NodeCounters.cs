using Hnv.Dataplane.Node;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Pipeline;

namespace Hnv.NodeRuntime.Api;

/// <summary>GET /v1/counters of a forwarding daemon (agent or gateway): what its node counted, in one document.</summary>
public static class NodeCounters
{
    /// <summary>Drops by reason (with their meaning), per VSID, failed sends, each port's and the underlay's I/O, and the workers.</summary>
    public static CountersView Of(ForwardingNode node)
    {
        var counters = node.Counters;
        var nonZero = counters.NonZeroDrops().ToList();
        var drops = nonZero.ToDictionary(d => d.Key.ToString(), d => d.Value, StringComparer.Ordinal);
        var descriptions = nonZero.ToDictionary(d => d.Key.ToString(), d => DropReasonDescriptions.Describe(d.Key), StringComparer.Ordinal);
        var vsids = counters.Vsids().OrderBy(v => v.Key).Select(v => new VsidCountersView(v.Key, v.Value.EncapsulatedPackets, v.Value.EncapsulatedBytes,
            v.Value.DecapsulatedPackets, v.Value.DecapsulatedBytes, v.Value.LocalPackets, v.Value.Dropped)).ToList();
        var (ports, underlay) = node.SendFailures;
        var io = new IoCountersView(node.UnderlayIoCounters, [.. node.Ports.Select(p => new PortIoView(p.Name, p.Port.IoCounters))]);
        var workers = node.Workers.Select(w => new WorkerView(w.Sources switch
        {
            WorkerSources.VmPorts => "vmPorts",
            WorkerSources.Underlay => "underlay",
            _ => "all",
        }, w.Batches, w.Packets, w.FullBatches)).ToList();
        return new CountersView(drops, descriptions, vsids, ports, underlay, io, workers);
    }
}
