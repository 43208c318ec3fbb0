using System.Runtime.InteropServices;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// How an idle worker waits for packets: on the ports' file descriptors (epoll) in an agent, on an event in
/// memory tests. <see cref="Wake"/> ends a wait early, from any thread (for shutdown).
/// </summary>
public interface IPacketWaiter : IDisposable
{
    /// <summary>Sets which descriptors a wait watches (called when ports change, not per packet).</summary>
    void Watch(IReadOnlyList<SafeHandle> handles);

    /// <summary>
    /// Waits until a watched descriptor is readable, <see cref="Wake"/> is called, or <paramref name="timeout"/>
    /// passes (<see cref="TimeSpan.Zero"/>: just look). Writes the indexes (in the watched list) of the readable
    /// descriptors into <paramref name="ready"/> and returns how many; -1 when the waiter cannot tell which
    /// (then every source is worth reading).
    /// </summary>
    int Wait(TimeSpan timeout, Span<int> ready);

    /// <summary>Ends the current or next wait.</summary>
    void Wake();
}
