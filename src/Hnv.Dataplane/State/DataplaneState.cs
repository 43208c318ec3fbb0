using System.Collections.Immutable;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Node;

namespace Hnv.Dataplane.State;

/// <summary>
/// What a worker reads once per batch: the node snapshot the pipeline uses and the ports its verdicts name,
/// by index. Immutable; a change (policy, a port attached or detached) is a new state swapped in whole.
/// </summary>
public sealed class DataplaneState
{
    /// <summary>Makes a state; <paramref name="ports"/> are indexed by <see cref="IVmPort.Index"/>.</summary>
    public DataplaneState(NodeSnapshot node, IEnumerable<IVmPort> ports)
    {
        Snapshot = node;
        var list = ports.ToList();
        var byIndex = new IVmPort?[list.Count == 0 ? 0 : list.Max(p => p.Index) + 1];
        foreach (var port in list)
        {
            byIndex[port.Index] = port;
        }

        Ports = [.. byIndex];
    }

    /// <summary>The snapshot the pipeline runs on.</summary>
    public NodeSnapshot Snapshot { get; }

    /// <summary>Ports by index (null where an index is free).</summary>
    public ImmutableArray<IVmPort?> Ports { get; }

    /// <summary>The taps on now (capture, the drop stream); empty, and so free, almost always.</summary>
    public ImmutableArray<Taps.PacketTap> Taps { get; init; } = [];

    /// <summary>The live-trace probes this host waits for from the underlay; almost always none.</summary>
    public ImmutableArray<Probes.ProbeCatcher> Probes { get; init; } = [];

    /// <summary>The port with this index, if attached.</summary>
    public IVmPort? Port(int index) => (uint)index < (uint)Ports.Length ? Ports[index] : null;
}
