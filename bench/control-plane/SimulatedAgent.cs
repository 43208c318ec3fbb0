using System.Collections.Concurrent;
using System.Diagnostics;
using Hnv.Client;
using Hnv.Client.Watch;
using Hnv.Policy.Snapshots;

namespace Hnv.ControlPlane.Bench;

/// <summary>
/// An in-process watching agent: one watch stream, a PolicySnapshot built from its events (snapshot: validate and
/// build; change: WatchEventDelta then Apply), and the time each revision arrived.
/// </summary>
internal sealed class SimulatedAgent(HnvClient client, string host)
{
    private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Host => host;

    public PolicySnapshot Snapshot { get; private set; } = PolicySnapshot.Empty;

    /// <summary>When (Stopwatch ticks) each change's revision was applied.</summary>
    public ConcurrentDictionary<long, long> Applied { get; } = new();

    public Task FirstSnapshot => _snapshot.Task;

    public int Records => Snapshot.RoutingDomains.Sum(d => d.Records.Length);

    /// <summary>How long this agent spent validating and building its snapshot (its own CPU, not the controller's).</summary>
    public TimeSpan BuildTime { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in client.WatchAsync(host, 0, ct))
            {
                var started = Stopwatch.GetTimestamp();
                Snapshot = WatchApply.Apply(Snapshot, e);
                switch (e.Kind)
                {
                    case WatchEventKinds.Snapshot:
                        BuildTime = Stopwatch.GetElapsedTime(started);
                        _snapshot.TrySetResult();
                        break;
                    case WatchEventKinds.Change:
                        Applied[e.Revision] = Stopwatch.GetTimestamp();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _snapshot.TrySetException(e);
            throw;
        }
    }
}
