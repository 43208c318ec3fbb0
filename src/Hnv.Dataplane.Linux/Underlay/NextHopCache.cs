using System.Collections.Concurrent;
using Hnv.Linux.Links;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The Ethernet addresses an AF_PACKET underlay puts in front of a packet for a PA: the next hop's MAC (from
/// the kernel's route and neighbour tables) and the underlay interface's own. The packet path only reads a
/// published dictionary; a miss asks a background thread to resolve the PA (it probes a next hop the kernel
/// does not know yet) and the caller sends that packet another way. Every entry is re-read every
/// <see cref="RefreshInterval"/>, so a changed route or neighbour is picked up.
/// </summary>
public sealed class NextHopCache : IDisposable
{
    /// <summary>How often known entries are read again from the kernel.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _interface;
    private readonly byte[] _sourceMac;
    private readonly ConcurrentDictionary<IpAddress, byte> _wanted = new();
    private readonly AutoResetEvent _signal = new(false);
    private readonly Thread _thread;
    private volatile Dictionary<IpAddress, byte[]> _entries = [];
    private volatile bool _stopping;

    /// <summary>Starts resolving for <paramref name="interfaceName"/> (in the calling process's namespace).</summary>
    public NextHopCache(string interfaceName, byte[] sourceMac)
    {
        _interface = interfaceName;
        _sourceMac = sourceMac;
        _thread = new Thread(Run) { IsBackground = true, Name = "hnv-nexthops" };
        _thread.Start();
    }

    /// <summary>Lookups that missed (each one's packet went another way).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    private long _misses;

    /// <summary>
    /// The 12 address bytes (destination MAC, source MAC) for <paramref name="providerAddress"/>; false when not
    /// resolved yet, which queues it for resolution. Allocates only the first time a PA misses.
    /// </summary>
    public bool TryGet(IpAddress providerAddress, out byte[] addresses)
    {
        if (_entries.TryGetValue(providerAddress, out addresses!))
        {
            return true;
        }

        Interlocked.Increment(ref _misses);
        if (_wanted.TryAdd(providerAddress, 0))
        {
            _signal.Set();
        }

        return false;
    }

    /// <summary>Resolves <paramref name="providerAddresses"/> now (e.g. every PA in policy), so their first packets need not wait.</summary>
    public void Want(IEnumerable<IpAddress> providerAddresses)
    {
        foreach (var pa in providerAddresses)
        {
            if (!_entries.ContainsKey(pa))
            {
                _wanted.TryAdd(pa, 0);
            }
        }

        _signal.Set();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _signal.Set();
        _thread.Join();
        _signal.Dispose();
    }

    private void Run()
    {
        var lastRefresh = DateTime.UtcNow;
        while (!_stopping)
        {
            _signal.WaitOne(_wanted.IsEmpty ? RefreshInterval : RetryInterval);
            if (_stopping)
            {
                return;
            }

            var entries = _entries;
            Dictionary<IpAddress, byte[]>? changed = null;
            var refresh = DateTime.UtcNow - lastRefresh >= RefreshInterval;
            List<IpAddress> todo = refresh ? [.. _wanted.Keys.Concat(entries.Keys).Distinct()] : [.. _wanted.Keys];
            if (todo.Count == 0)
            {
                continue;
            }

            if (refresh)
            {
                lastRefresh = DateTime.UtcNow;
            }

            foreach (var (pa, resolved) in Resolve(todo))
            {
                _wanted.TryRemove(pa, out _);
                if (!entries.TryGetValue(pa, out var known) || !known.AsSpan().SequenceEqual(resolved))
                {
                    changed ??= new Dictionary<IpAddress, byte[]>(entries);
                    changed[pa] = resolved;
                }
            }

            if (changed is not null)
            {
                _entries = changed;
            }
        }
    }

    /// <summary>
    /// The address bytes for each PA that resolves now; the others stay wanted (or keep their last known entry)
    /// and are tried again. Two <c>ip</c> processes per round whatever the number of PAs, plus one probe per
    /// next hop the kernel does not know yet (at most a few per round).
    /// </summary>
    private List<(IpAddress Pa, byte[] Addresses)> Resolve(List<IpAddress> providerAddresses)
    {
        const int MaxProbesPerRound = 8;
        var result = new List<(IpAddress, byte[])>();
        try
        {
            var addresses = providerAddresses.Select(pa => pa.ToIPAddress()).ToList();
            var hops = NextHops.Resolve(addresses, _interface);
            var unknown = hops.Values.Where(h => h.Mac is null).Select(h => h.NextHop).Distinct().Take(MaxProbesPerRound).ToList();
            if (unknown.Count > 0)
            {
                foreach (var hop in unknown)
                {
                    NextHops.Solicit(hop, RetryInterval);
                }

                hops = NextHops.Resolve(addresses, _interface);
            }

            for (var i = 0; i < providerAddresses.Count; i++)
            {
                if (hops.TryGetValue(addresses[i], out var hop) && hop.Mac is { } mac)
                {
                    result.Add((providerAddresses[i], [.. mac.GetAddressBytes(), .. _sourceMac]));
                }
            }
        }
        catch (Exception e) when (e is Hnv.Linux.LinuxException or System.Text.Json.JsonException)
        {
            // iproute2 failed this round: nothing changes, and the next round tries again.
        }

        return result;
    }
}
