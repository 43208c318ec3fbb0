using System.Collections.Concurrent;

namespace Hnv.Controller.Status;

/// <summary>Which hosts watch this replica now, and when each was last heard from here.</summary>
internal sealed class WatchRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _watching = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public void Connected(string host)
    {
        _watching.AddOrUpdate(host, 1, (_, n) => n + 1);
        Seen(host);
    }

    public void Disconnected(string host)
    {
        _watching.AddOrUpdate(host, 0, (_, n) => Math.Max(0, n - 1));
        Seen(host);
    }

    public void Seen(string host) => _seen[host] = time.GetUtcNow();

    public bool IsWatching(string host) => _watching.TryGetValue(host, out var n) && n > 0;

    public DateTimeOffset? LastSeen(string host) => _seen.TryGetValue(host, out var at) ? at : null;

    /// <summary>How many watch streams are open on this replica.</summary>
    public int Count => _watching.Values.Sum();
}
