using System.Runtime.InteropServices;
using Hnv.Dataplane.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Tap;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// A VM NIC with virtio offloads (DATAPLANE-IO.md's first lever): a TAP opened with <see cref="TapOptions.Offloads"/>
/// or an existing interface's AF_PACKET socket with a virtio header (<see cref="IOffloadDevice"/>). One read
/// returns up to 64 KiB of TCP, which <see cref="TcpSegmenter"/> splits into frames the pipeline takes one by
/// one; a frame with an unfinished checksum is finished first (<see cref="ChecksumCompletion"/>). Frames for the
/// VM go through <see cref="TcpCoalescer"/>, so a run of one flow's segments is one write, and, where the kernel
/// takes UDP super-frames, through <see cref="UdpCoalescer"/>, so a run of one flow's datagrams is too. At most one
/// run is pending; it is written when something else comes, when it is full, or at <see cref="Flush"/> (the end of a
/// worker's batch).
/// </summary>
public sealed class OffloadVmPort<TDevice> : IVmPort
    where TDevice : struct, IOffloadDevice
{
    private static readonly byte[] PlainHeader = new byte[VirtioNetHeader.Length];

    private readonly TDevice _device;
    private readonly byte[] _read = new byte[VirtioNetHeader.Length + TcpCoalescer.MaxFrameLength];
    private readonly TcpSegmenter _segmenter = new();
    private readonly TcpCoalescer _coalescer = new();
    private readonly UdpCoalescer? _udp;
    private int _superFrameLength;

    /// <summary>Takes over <paramref name="device"/> (disposed with the port).</summary>
    public OffloadVmPort(int index, string name, TDevice device)
    {
        Index = index;
        Name = name;
        _device = device;
        _udp = device.AcceptsUdpSuperFrames ? new UdpCoalescer() : null;
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SafeHandle? Handle => _device.Handle;

    /// <summary>True when datagrams of one flow are joined toward the VM (the kernel takes UDP super-frames).</summary>
    public bool AcceptsUdpSuperFrames => _udp is not null;

    /// <summary>Reads and writes that failed for a reason other than "nothing waiting".</summary>
    public long Errors { get; private set; }

    /// <summary>Reads whose virtio header or offload request did not fit the frame (dropped).</summary>
    public long MalformedOffloads { get; private set; }

    /// <summary>TCP super-frames read (each split into segments).</summary>
    public long SuperFramesRead { get; private set; }

    /// <summary>Segments split out of those super-frames.</summary>
    public long SegmentsSplit { get; private set; }

    /// <summary>Writes to the VM that carried more than one segment.</summary>
    public long CoalescedWrites { get; private set; }

    /// <summary>Segments those writes carried together.</summary>
    public long CoalescedSegments { get; private set; }

    /// <summary>Writes to the VM that carried more than one UDP datagram (only where the kernel takes UDP super-frames).</summary>
    public long CoalescedDatagramWrites { get; private set; }

    /// <summary>Datagrams those writes carried together.</summary>
    public long CoalescedDatagrams { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["superFramesRead"] = SuperFramesRead,
        ["segmentsSplit"] = SegmentsSplit,
        ["coalescedWrites"] = CoalescedWrites,
        ["coalescedSegments"] = CoalescedSegments,
        ["coalescedDatagramWrites"] = CoalescedDatagramWrites,
        ["coalescedDatagrams"] = CoalescedDatagrams,
        ["malformedOffloads"] = MalformedOffloads,
        ["errors"] = Errors,
        ["acceptsUdpSuperFrames"] = AcceptsUdpSuperFrames ? 1 : 0,
    };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        while (true)
        {
            if (_segmenter.HasPending)
            {
                if (_segmenter.TryNext(_read.AsSpan(VirtioNetHeader.Length, _superFrameLength), buffer.ReceiveSpan, out var length))
                {
                    SegmentsSplit++;
                    buffer.Offset = PacketBuffer.Headroom;
                    buffer.Length = length;
                    return true;
                }

                continue;
            }

            var result = _device.Read(_read);
            if (!result.IsSuccess)
            {
                if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
                {
                    Errors++;
                }

                return false;
            }

            if (Accept(result.Count, buffer))
            {
                return true;
            }
        }
    }

    /// <summary>The first segment was answered with an ICMP error (too big, TTL): the rest would be too.</summary>
    public void SkipSegments() => _segmenter.Skip();

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame)
    {
        if (_coalescer.TryAppend(frame) || (_udp is not null && _udp.TryAppend(frame)))
        {
            return true;
        }

        var written = WritePending();
        if (_coalescer.TryStart(frame) || (_udp is not null && _udp.TryStart(frame)))
        {
            return written;
        }

        return Written(_device.Write(PlainHeader, frame)) && written;
    }

    /// <inheritdoc />
    public void Flush() => WritePending();

    /// <inheritdoc />
    public void Dispose() => _device.Dispose();

    private bool Accept(int count, PacketBuffer buffer)
    {
        if (!VirtioNetHeader.TryRead(_read.AsSpan(0, count), out var header))
        {
            MalformedOffloads++;
            return false;
        }

        var frameLength = count - VirtioNetHeader.Length;
        if ((header.GsoType & ~VirtioNetHeader.GsoEcn) != VirtioNetHeader.GsoNone)
        {
            var superFrame = _read.AsSpan(VirtioNetHeader.Length, frameLength);
            if (!_segmenter.Start(superFrame, header))
            {
                MalformedOffloads++;
                return false;
            }

            SuperFramesRead++;
            _superFrameLength = frameLength;
            if (!_segmenter.TryNext(superFrame, buffer.ReceiveSpan, out var length))
            {
                return false;
            }

            SegmentsSplit++;
            return Loaded(buffer, length);
        }

        var frame = _read.AsSpan(VirtioNetHeader.Length, frameLength);
        if ((header.Flags & VirtioNetHeader.NeedsChecksum) != 0 && !ChecksumCompletion.TryComplete(frame, header))
        {
            MalformedOffloads++;
            return false;
        }

        frame.CopyTo(buffer.ReceiveSpan);
        return Loaded(buffer, frameLength);
    }

    private static bool Loaded(PacketBuffer buffer, int length)
    {
        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = length;
        return true;
    }

    private bool WritePending()
    {
        if (_udp is { HasPending: true })
        {
            if (_udp.Segments > 1)
            {
                CoalescedDatagramWrites++;
                CoalescedDatagrams += _udp.Segments;
            }

            return Written(_device.Write(_udp.Complete()));
        }

        if (!_coalescer.HasPending)
        {
            return true;
        }

        if (_coalescer.Segments > 1)
        {
            CoalescedWrites++;
            CoalescedSegments += _coalescer.Segments;
        }

        return Written(_device.Write(_coalescer.Complete()));
    }

    private bool Written(IoResult result)
    {
        if (result.IsSuccess)
        {
            return true;
        }

        Errors++;
        return false;
    }
}
