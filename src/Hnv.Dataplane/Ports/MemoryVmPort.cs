using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Hnv.Forwarding.Buffers;

namespace Hnv.Dataplane.Ports;

/// <summary>
/// A VM port in memory: tests and benchmarks put frames in as the VM would send them and take out what the
/// dataplane delivered. Allocates per frame; it stands in for a device, not for the packet path.
/// </summary>
public sealed class MemoryVmPort(int index, string name) : IVmPort
{
    private readonly ConcurrentQueue<byte[]> _fromVm = new();
    private readonly ConcurrentQueue<byte[]> _toVm = new();
    private readonly ConcurrentQueue<int> _segmentSizes = new();

    /// <inheritdoc />
    public int Index { get; } = index;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public SafeHandle? Handle => null;

    /// <summary>Frames the dataplane handed to the VM, oldest first.</summary>
    public IReadOnlyCollection<byte[]> Delivered => _toVm;

    /// <summary>The VM sends <paramref name="frame"/>.</summary>
    public void Inject(ReadOnlySpan<byte> frame) => _fromVm.Enqueue(frame.ToArray());

    /// <summary>Takes the oldest frame the VM received, if any.</summary>
    public bool TryTake(out byte[] frame) => TryTake(out frame, out _);

    /// <summary>Takes the oldest frame the VM received, if any, with the segment size it was sent with.</summary>
    public bool TryTake(out byte[] frame, out int segmentSize)
    {
        segmentSize = 0;
        return _toVm.TryDequeue(out frame!) && _segmentSizes.TryDequeue(out segmentSize);
    }

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        if (!_fromVm.TryDequeue(out var frame))
        {
            return false;
        }

        buffer.Load(frame);
        return true;
    }

    /// <summary>The segment size of each frame in <see cref="Delivered"/>, in the same order (0: a plain frame).</summary>
    public IReadOnlyCollection<int> DeliveredSegmentSizes => _segmentSizes;

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame, int writer = 0, int segmentSize = 0)
    {
        _segmentSizes.Enqueue(segmentSize);
        _toVm.Enqueue(frame.ToArray());
        return true;
    }

    /// <inheritdoc />
    public void Flush(int writer = 0)
    {
    }

    /// <inheritdoc />
    public void SkipSegments()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
