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
    public int Wait(TimeSpan timeout, Span<int> ready)
    {
        _event.WaitOne(timeout);
        return -1;
    }

    /// <inheritdoc />
    public void Wake() => _event.Set();

    /// <inheritdoc />
    public void Dispose() => _event.Dispose();
}
