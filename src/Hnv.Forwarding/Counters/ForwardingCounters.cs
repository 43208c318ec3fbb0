using Hnv.Forwarding.Pipeline;

namespace Hnv.Forwarding.Counters;

/// <summary>
/// A worker's counters: drops by reason, per port, per VSID. One writer (the worker that owns it), so no
/// locks or interlocked adds on the packet path; several workers' sets are summed when read.
/// A port or VSID seen for the first time gets its counter object then, once (not per packet).
/// </summary>
public sealed class ForwardingCounters
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];
    private PortCounters[] _ports = [];
    private readonly Dictionary<uint, VsidCounters> _vsids = [];

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

    /// <summary>The counters of port <paramref name="index"/> (made on first use).</summary>
    public PortCounters Port(int index)
    {
        if ((uint)index >= (uint)_ports.Length)
        {
            GrowPorts(index);
        }

        return _ports[index];
    }

    /// <summary>The counters of a VSID (made on first use).</summary>
    public VsidCounters Vsid(uint vsid)
    {
        if (!_vsids.TryGetValue(vsid, out var counters))
        {
            counters = new VsidCounters();
            _vsids.Add(vsid, counters);
        }

        return counters;
    }

    /// <summary>The VSIDs seen so far with their counters (a copy, for readers).</summary>
    public IReadOnlyList<KeyValuePair<uint, VsidCounters>> Vsids() => [.. _vsids];

    /// <summary>The ports seen so far with their counters (a copy, for readers).</summary>
    public IReadOnlyList<PortCounters> Ports() => [.. _ports];

    internal void CountDrop(DropReason reason) => _drops[(int)reason]++;

    private void GrowPorts(int index)
    {
        var grown = new PortCounters[Math.Max(index + 1, _ports.Length * 2)];
        _ports.CopyTo(grown, 0);
        for (var i = _ports.Length; i < grown.Length; i++)
        {
            grown[i] = new PortCounters();
        }

        _ports = grown;
    }
}
