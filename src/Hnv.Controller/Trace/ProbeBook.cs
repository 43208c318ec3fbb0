using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Hnv.Client.Trace;

namespace Hnv.Controller.Trace;

/// <summary>
/// Live traces in flight on this replica: the orders waiting for each host's agent stream (dropped once stale), which
/// hosts' agents listen here, and the reports they send back. Bounded: a few orders per host, and at most
/// <see cref="PerSecond"/> live traces a second.
/// </summary>
internal sealed class ProbeBook(TimeProvider time)
{
    public const int PerSecond = 5;
    private readonly ConcurrentDictionary<string, Channel<(ProbeOrder Order, DateTimeOffset Expires)>> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _listening = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingProbe> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _second;
    private int _thisSecond;

    /// <summary>Starts a live trace with a fresh id from <paramref name="sender"/>, or null past the rate.</summary>
    public PendingProbe? Start(string sender)
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

        var probe = new PendingProbe(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), sender);
        _pending[probe.Id] = probe;
        return probe;
    }

    public void End(PendingProbe probe) => _pending.TryRemove(probe.Id, out _);

    /// <summary>An agent's own watch stream of <paramref name="host"/> opened here (orders go only to agents' streams).</summary>
    public void Listen(string host) => _listening.AddOrUpdate(host, 1, (_, n) => n + 1);

    public void Unlisten(string host) => _listening.AddOrUpdate(host, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>Whether <paramref name="host"/>'s agent watches this replica, so an order reaches it.</summary>
    public bool IsListening(string host) => _listening.GetValueOrDefault(host) > 0;

    /// <summary>Queues an order for <paramref name="host"/>'s agent; it goes stale after its seconds.</summary>
    public void Order(string host, ProbeOrder order) =>
        Queue(host).Writer.TryWrite((order, time.GetUtcNow().AddSeconds(order.Seconds)));

    /// <summary>What an agent's watch stream of <paramref name="host"/> waits on for orders.</summary>
    public ChannelReader<(ProbeOrder Order, DateTimeOffset Expires)> OrdersOf(string host) => Queue(host).Reader;

    /// <summary>Whether an order is still worth sending.</summary>
    public bool IsFresh(DateTimeOffset expires) => time.GetUtcNow() < expires;

    /// <summary>Takes an agent's report; false when no live trace of that id waits here or the host was not asked for it.</summary>
    public bool Report(string id, ProbeReport report) => _pending.TryGetValue(id, out var probe) && probe.Add(report);

    private Channel<(ProbeOrder, DateTimeOffset)> Queue(string host) =>
        _orders.GetOrAdd(host, _ => Channel.CreateBounded<(ProbeOrder, DateTimeOffset)>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest }));
}

/// <summary>
/// One live trace waiting for its reports: one from the sender in the "send" role, one from each host told to expect
/// it in the "expect" role; anything else is refused.
/// </summary>
internal sealed class PendingProbe(string id, string sender)
{
    private readonly Channel<ProbeReport> _arrivals = Channel.CreateUnbounded<ProbeReport>();
    private readonly ConcurrentDictionary<string, string> _asked = new(StringComparer.Ordinal) { [sender] = "send" };
    private readonly ConcurrentDictionary<string, byte> _answered = new(StringComparer.Ordinal);
    private readonly List<ProbeReport> _reports = [];

    public string Id => id;

    /// <summary>The reports taken so far (read by the waiting trace only).</summary>
    public IReadOnlyList<ProbeReport> Reports => _reports;

    /// <summary>Records that <paramref name="host"/> is told to expect the probe.</summary>
    public void Expect(string host) => _asked.TryAdd(host, "expect");

    public bool Add(ProbeReport report) =>
        report.Host is { } host && _asked.TryGetValue(host, out var role) && role == report.Role && _answered.TryAdd(host, 0)
        && _arrivals.Writer.TryWrite(report);

    /// <summary>Waits until <paramref name="enough"/> holds of the reports, or the deadline.</summary>
    public async Task WaitAsync(Func<IReadOnlyList<ProbeReport>, bool> enough, TimeSpan within, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(within);
        try
        {
            while (!enough(_reports))
            {
                _reports.Add(await _arrivals.Reader.ReadAsync(deadline.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The deadline: what came is what there is.
        }
    }
}
