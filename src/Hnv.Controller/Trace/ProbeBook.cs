using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Hnv.Client.Trace;

namespace Hnv.Controller.Trace;

/// <summary>
/// Live traces in flight on this replica: the orders waiting for each host's watch stream (dropped once stale), and the
/// reports agents send back. Bounded: a few orders per host, and at most <see cref="PerSecond"/> live traces a second.
/// </summary>
internal sealed class ProbeBook(TimeProvider time)
{
    public const int PerSecond = 5;
    private readonly ConcurrentDictionary<string, Channel<(ProbeOrder Order, DateTimeOffset Expires)>> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingProbe> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _second;
    private int _thisSecond;

    /// <summary>Starts a live trace with a fresh id, or null past the rate.</summary>
    public PendingProbe? Start()
    {
        lock (_gate)
        {
            var second = time.GetUtcNow().ToUnixTimeSeconds();
            if (second != _second)
            {
                (_second, _thisSecond) = (second, 0);
            }

            if (++_thisSecond > PerSecond)
            {
                return null;
            }
        }

        var probe = new PendingProbe(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        _pending[probe.Id] = probe;
        return probe;
    }

    public void End(PendingProbe probe)
    {
        _pending.TryRemove(probe.Id, out _);
        probe.Dispose();
    }

    /// <summary>Queues an order for <paramref name="host"/>'s watch stream; it goes stale after its seconds.</summary>
    public void Order(string host, ProbeOrder order) =>
        Queue(host).Writer.TryWrite((order, time.GetUtcNow().AddSeconds(order.Seconds)));

    /// <summary>What the watch stream of <paramref name="host"/> waits on for orders.</summary>
    public ChannelReader<(ProbeOrder Order, DateTimeOffset Expires)> OrdersOf(string host) => Queue(host).Reader;

    /// <summary>Whether an order is still worth sending.</summary>
    public bool IsFresh(DateTimeOffset expires) => time.GetUtcNow() < expires;

    /// <summary>Takes an agent's report; false when no live trace of that id waits here.</summary>
    public bool Report(string id, ProbeReport report)
    {
        if (!_pending.TryGetValue(id, out var probe))
        {
            return false;
        }

        probe.Add(report);
        return true;
    }

    private Channel<(ProbeOrder, DateTimeOffset)> Queue(string host) =>
        _orders.GetOrAdd(host, _ => Channel.CreateBounded<(ProbeOrder, DateTimeOffset)>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest }));
}

/// <summary>One live trace waiting for its reports.</summary>
internal sealed class PendingProbe(string id) : IDisposable
{
    private readonly ConcurrentQueue<ProbeReport> _reports = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public string Id => id;

    public IReadOnlyList<ProbeReport> Reports => [.. _reports];

    public void Dispose() => _arrived.Dispose();

    public void Add(ProbeReport report)
    {
        _reports.Enqueue(report);
        _arrived.Release();
    }

    /// <summary>Waits until <paramref name="enough"/> holds of the reports, or the deadline.</summary>
    public async Task WaitAsync(Func<IReadOnlyList<ProbeReport>, bool> enough, TimeSpan within, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(within);
        try
        {
            while (!enough(Reports))
            {
                await _arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The deadline: what came is what there is.
        }
    }
}
