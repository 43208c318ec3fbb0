using System.Threading.Channels;
using Hnv.Forwarding.Pipeline;

namespace Hnv.Dataplane.Taps;

/// <summary>
/// A live look at a forwarding node's packets (capture, the drop stream): the workers offer what passes the points it
/// watches, and it copies what its <see cref="TapFilter"/> takes into a bounded queue its reader drains. It never
/// blocks or slows a worker: past its rate, its byte budget or a full queue it counts the packet as missed and moves on.
/// Thread-safe: every worker of the node offers to it.
/// </summary>
public sealed class PacketTap
{
    private const int QueueLength = 4096;
    private readonly Channel<TapRecord> _queue = Channel.CreateBounded<TapRecord>(
        new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _perSecond;
    private long _bytesLeft;
    private long _second;
    private int _thisSecond;
    private long _missed;
    private long _taken;

    /// <param name="filter">What to take.</param>
    /// <param name="perSecond">At most this many packets a second (the rest are missed).</param>
    /// <param name="maxBytes">At most this many bytes in all; then the tap takes nothing more.</param>
    /// <param name="time">The clock (tests give their own).</param>
    public PacketTap(TapFilter filter, int perSecond, long maxBytes, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        Filter = filter;
        _perSecond = perSecond;
        _bytesLeft = maxBytes;
        _time = time ?? TimeProvider.System;
    }

    public TapFilter Filter { get; }

    /// <summary>What was taken, in order.</summary>
    public ChannelReader<TapRecord> Records => _queue.Reader;

    /// <summary>Packets the filter took but the tap let go (over the rate, the byte budget, or the reader too slow).</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>Packets taken.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Whether the tap watches <paramref name="point"/> at all (a cheap test before anything else).</summary>
    public bool Watches(TapPoints point) => (Filter.Points & point) != 0;

    /// <summary>A worker offers a packet; the tap copies it when it takes it.</summary>
    public void Offer(TapPoints point, Span<byte> bytes, bool isFrame, int port, uint vsid, DropReason reason = DropReason.None)
    {
        if (!Filter.Matches(point, bytes, isFrame, port, vsid))
        {
            return;
        }

        lock (_gate)
        {
            var second = _time.GetTimestamp() / _time.TimestampFrequency;
            if (second != _second)
            {
                (_second, _thisSecond) = (second, 0);
            }

            if (_thisSecond >= _perSecond || _bytesLeft < bytes.Length)
            {
                Interlocked.Increment(ref _missed);
                return;
            }

            _thisSecond++;
            _bytesLeft -= bytes.Length;
        }

        if (_queue.Writer.TryWrite(new TapRecord(_time.GetUtcNow(), point, port, vsid, reason, isFrame, bytes.ToArray())))
        {
            Interlocked.Increment(ref _taken);
        }
        else
        {
            Interlocked.Increment(ref _missed);
        }
    }
}
