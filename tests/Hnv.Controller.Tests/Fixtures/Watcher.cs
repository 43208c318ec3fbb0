using System.Threading.Channels;
using Hnv.Client;
using Hnv.Client.Watch;
using Hnv.Policy.Snapshots;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>
/// A simulated agent: watches one host's view through HnvClient and applies every event as an agent would
/// (<see cref="WatchApply"/>, as the agent does).
/// </summary>
internal sealed class Watcher : IAsyncDisposable
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    /// <summary>Watches from <paramref name="fromRevision"/>, holding <paramref name="start"/> (what an agent resuming has kept).</summary>
    public Watcher(HnvClient client, string host, long fromRevision = 0, PolicySnapshot? start = null)
    {
        Snapshot = start ?? PolicySnapshot.Empty;
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in client.WatchAsync(host, fromRevision, _stop.Token))
                {
                    await _events.Writer.WriteAsync(e);
                }

                _events.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _events.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        });
    }

    /// <summary>The snapshot built from the events applied so far.</summary>
    public PolicySnapshot Snapshot { get; private set; }

    /// <summary>Every event received, in order.</summary>
    public List<WatchEvent> Received { get; } = [];

    /// <summary>The next event (applied), or a failure after <paramref name="seconds"/>.</summary>
    public async Task<WatchEvent> NextAsync(double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var e = await _events.Reader.ReadAsync(timeout.Token);
        Received.Add(e);
        Apply(e);
        return e;
    }

    /// <summary>The next event that is not a heartbeat.</summary>
    public async Task<WatchEvent> NextChangeAsync(double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var e = await NextAsync(Math.Max(0.01, (deadline - DateTime.UtcNow).TotalSeconds));
            if (e.Kind != WatchEventKinds.Heartbeat)
            {
                return e;
            }
        }
    }

    /// <summary>Applies events until the stream's revision reaches <paramref name="revision"/> (a heartbeat at it counts).</summary>
    public async Task CatchUpAsync(long revision, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Received.Count == 0 || Received[^1].Revision < revision)
        {
            await NextAsync(Math.Max(0.01, (deadline - DateTime.UtcNow).TotalSeconds));
        }
    }

    /// <summary>True when no event other than heartbeats arrives within <paramref name="seconds"/>.</summary>
    public async Task<bool> QuietAsync(double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var e = await NextAsync((deadline - DateTime.UtcNow).TotalSeconds);
                if (e.Kind != WatchEventKinds.Heartbeat)
                {
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return true;
    }

    /// <summary>True when the controller ends the stream within <paramref name="seconds"/> (events before the end are applied).</summary>
    public async Task<bool> EndsAsync(double seconds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await _events.Reader.WaitToReadAsync(timeout.Token))
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                Received.Add(e);
                Apply(e);
            }

            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Apply(WatchEvent e) => Snapshot = WatchApply.Apply(Snapshot, e);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
