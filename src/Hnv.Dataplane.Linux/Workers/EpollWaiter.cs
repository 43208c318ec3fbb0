using System.Runtime.InteropServices;
using Hnv.Dataplane.Workers;
using Hnv.Linux.Polling;

namespace Hnv.Dataplane.Linux.Workers;

/// <summary>Waits on the ports' descriptors with epoll; <see cref="Wake"/> uses the poller's eventfd.</summary>
public sealed class EpollWaiter : IPacketWaiter
{
    private readonly Poller _poller = new();
    private readonly PollEvent[] _ready = new PollEvent[64];
    private readonly List<SafeHandle> _watched = [];

    /// <inheritdoc />
    public void Watch(IReadOnlyList<SafeHandle> handles)
    {
        foreach (var old in _watched)
        {
            if (!old.IsClosed)
            {
                _poller.Remove(old);
            }
        }

        _watched.Clear();
        for (var i = 0; i < handles.Count; i++)
        {
            _poller.Add(handles[i], (ulong)i);
            _watched.Add(handles[i]);
        }
    }

    /// <inheritdoc />
    public int Wait(TimeSpan timeout, Span<int> ready)
    {
        var result = _poller.Wait(_ready, timeout);
        var count = 0;
        for (var i = 0; i < result.Count && count < ready.Length; i++)
        {
            if (_ready[i].Token != Poller.WakeToken)
            {
                ready[count++] = (int)_ready[i].Token;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void Wake() => _poller.Wake();

    /// <inheritdoc />
    public void Dispose() => _poller.Dispose();
}
