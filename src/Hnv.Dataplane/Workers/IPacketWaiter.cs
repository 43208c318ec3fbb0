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

    /// <summary>Waits until a watched descriptor is readable, <see cref="Wake"/> is called, or <paramref name="timeout"/> passes.</summary>
    void Wait(TimeSpan timeout);

    /// <summary>Ends the current or next wait.</summary>
    void Wake();
}
