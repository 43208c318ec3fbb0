using Hnv.Forwarding.Pipeline;

namespace Hnv.Forwarding.Counters;

/// <summary>
/// A worker's counters: drops by reason, per port, per VSID. One writer (the worker that owns it), so no
/// locks or interlocked adds on the packet path; several workers' sets are summed when read.
/// A port or VSID seen for the first time gets its counter object then, once (not per packet). Readers on
/// other threads use the read-only members (<see cref="PortOrNull"/>, <see cref="Vsids"/>):
/// the port array is replaced, never changed in place, and the VSID table is a concurrent dictionary (lock-free reads).
/// </summary>
public sealed class ForwardingCounters
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];
    private PortCounters[] _ports = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, VsidCounters> _vsids = new();

    /// <summary>Packets dropped for <paramref name="reason"/>.</summary>
    public long Drops(DropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    /// <summary>All non-zero drop counts.</summary>
    public IEnumerable<KeyValuePair<DropReason, long>> NonZeroDrops()
    {
        for (var i = 1; i < _drops.Length; i++)
        {
            var n = Volatile.Read(ref _drops[i]);
            if (n != 0)
            {
                yield return new((DropReason)i, n);
            }
        }
    }

    /// <summary>Total drops of every reason.</summary>
    public long TotalDrops => _drops.Sum();

    /// <summary>The counters of port <paramref name="index"/> (made on first use; the owning worker's call).</summary>
    public PortCounters Port(int index)
    {
        var ports = _ports;
        if ((uint)index >= (uint)ports.Length)
        {
            ports = GrowPorts(index);
        }

        return ports[index];
    }

    /// <summary>The counters of port <paramref name="index"/> if it has seen traffic; safe from any thread.</summary>
    public PortCounters? PortOrNull(int index)
    {
        var ports = Volatile.Read(ref _ports);
        return (uint)index < (uint)ports.Length ? ports[index] : null;
    }

    /// <summary>The counters of a VSID (made on first use).</summary>
    public VsidCounters Vsid(uint vsid)
    {
        return _vsids.TryGetValue(vsid, out var counters) ? counters : _vsids.GetOrAdd(vsid, static _ => new VsidCounters());
    }

    /// <summary>The VSIDs seen so far with their counters (a copy, for readers).</summary>
    public IReadOnlyList<KeyValuePair<uint, VsidCounters>> Vsids() => [.. _vsids];

    /// <summary>Counts a drop (the pipeline's, or a worker's own such as <see cref="DropReason.ProbeUnclaimed"/>).</summary>
    public void CountDrop(DropReason reason, int packets = 1) => _drops[(int)reason] += packets;

    /// <summary>
    /// The counts of several workers added up, as a new set (allocates; for readers such as the API, not the
    /// packet path). Each worker writes only its own; a port's receives and its deliveries may be in different ones.
    /// </summary>
    public static ForwardingCounters Sum(IReadOnlyList<ForwardingCounters> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var sum = new ForwardingCounters();
        foreach (var part in parts)
        {
            for (var i = 0; i < sum._drops.Length; i++)
            {
                sum._drops[i] += Volatile.Read(ref part._drops[i]);
            }

            var ports = Volatile.Read(ref part._ports);
            for (var i = 0; i < ports.Length; i++)
            {
                var to = sum.Port(i);
                to.ReceivedPackets += ports[i].ReceivedPackets;
                to.ReceivedBytes += ports[i].ReceivedBytes;
                to.SentPackets += ports[i].SentPackets;
                to.SentBytes += ports[i].SentBytes;
                to.Dropped += ports[i].Dropped;
            }

            foreach (var (vsid, from) in part._vsids)
            {
                var to = sum.Vsid(vsid);
                to.EncapsulatedPackets += from.EncapsulatedPackets;
                to.EncapsulatedBytes += from.EncapsulatedBytes;
                to.DecapsulatedPackets += from.DecapsulatedPackets;
                to.DecapsulatedBytes += from.DecapsulatedBytes;
                to.LocalPackets += from.LocalPackets;
                to.Dropped += from.Dropped;
            }
        }

        return sum;
    }

    private PortCounters[] GrowPorts(int index)
    {
        var grown = new PortCounters[Math.Max(index + 1, _ports.Length * 2)];
        _ports.CopyTo(grown, 0);
        for (var i = _ports.Length; i < grown.Length; i++)
        {
            grown[i] = new PortCounters();
        }

        Volatile.Write(ref _ports, grown);
        return grown;
    }
}
