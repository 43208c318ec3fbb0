using System.Collections.Concurrent;

namespace Hnv.Controller.Status;

/// <summary>Which hosts watch this replica now, and when each was last heard from here.</summary>
internal sealed class WatchRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _watching = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>A host's first stream here opened (true) or its last one ended (false).</summary>
    public event Action<string, bool>? WatchingChanged;

    public void Connected(string host)
    {
        Seen(host);
        if (_watching.AddOrUpdate(host, 1, (_, n) => n + 1) == 1)
        {
            WatchingChanged?.Invoke(host, true);
        }
    }

    public void Disconnected(string host)
    {
        Seen(host);
        if (_watching.AddOrUpdate(host, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            WatchingChanged?.Invoke(host, false);
        }
    }

    public void Seen(string host) => _seen[host] = time.GetUtcNow();

    public bool IsWatching(string host) => _watching.TryGetValue(host, out var n) && n > 0;

    public DateTimeOffset? LastSeen(string host) => _seen.TryGetValue(host, out var at) ? at : null;

    /// <summary>How many watch streams are open on this replica.</summary>
    public int Count => _watching.Values.Sum();
}
