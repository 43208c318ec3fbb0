using System.Runtime.InteropServices;

namespace Hnv.Dataplane.Workers;

/// <summary>A waiter for ports without descriptors (memory ports): waits for <see cref="Wake"/> or the timeout.</summary>
public sealed class EventWaiter : IPacketWaiter
{
    private readonly AutoResetEvent _event = new(false);

    /// <inheritdoc />
    public void Watch(IReadOnlyList<SafeHandle> handles)
    {
    }

    /// <inheritdoc />
    public void Wait(TimeSpan timeout) => _event.WaitOne(timeout);

    /// <inheritdoc />
    public void Wake() => _event.Set();

    /// <inheritdoc />
    public void Dispose() => _event.Dispose();
}
