namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Reconnect delays: doubling from <c>first</c> up to <c>limit</c>, each with up to 50 % random jitter so a
/// thousand agents that lost one controller do not come back in one wave. Starts over after a good stream.
/// </summary>
public sealed class Backoff(TimeSpan first, TimeSpan limit)
{
    private readonly TimeSpan _first = first;
    private TimeSpan _next = first;

    /// <summary>The delay before the next attempt; <paramref name="lastWasGood"/> (a stream that delivered) resets it.</summary>
    public TimeSpan Next(bool lastWasGood)
    {
        if (lastWasGood)
        {
            _next = _first;
        }

        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(limit.Ticks, _next.Ticks * 2));
#pragma warning disable CA5394 // Jitter, not security.
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.5 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }
}
