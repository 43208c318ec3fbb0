using System.Runtime.InteropServices;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Tap;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.VmPorts;

/// <summary>
/// A VM NIC with virtio offloads (decision 0005): a TAP opened with <see cref="TapOptions.Offloads"/> or an existing
/// interface's AF_PACKET socket with a virtio header (<see cref="IOffloadDevice"/>). A read of up to 64 KiB of TCP is
/// split by <see cref="TcpSegmenter"/> (an unfinished checksum finished first, <see cref="ChecksumCompletion"/>), or
/// passed whole where the underlay segments super-frames itself (<see cref="IUnderlayPort.TakesSuperFrames"/>) and
/// it fits one outer header. Frames for the VM are joined per flow by <see cref="TcpCoalescer"/> and, where the
/// kernel takes UDP super-frames, <see cref="UdpCoalescer"/>: one pending run per writer, written when something
/// else comes, when full, or at <see cref="Flush"/>. Each write is one packet, so two workers may write at once.
/// </summary>
public sealed class OffloadVmPort<TDevice> : IVmPort
    where TDevice : struct, IOffloadDevice
{
    private static readonly byte[] PlainHeader = new byte[VirtioNetHeader.Length];

    private readonly TDevice _device;
    private readonly byte[] _read = new byte[VirtioNetHeader.Length + TcpCoalescer.MaxFrameLength];
    private readonly TcpSegmenter _segmenter = new();
    private readonly Writer[] _writers = new Writer[IVmPort.MaxWriters];
    private readonly bool _superFramesWhole;
    private int _superFrameLength;
    private long _readErrors;
    private long _writeErrors;

    /// <summary>
    /// The largest super-frame passed on whole: with 20 bytes of outer IPv4 and 8 of GRE in front, the outer length
    /// field (16 bits) still holds it. Linux's own TSO stays below (its goal is 64 KiB less its largest header room).
    /// </summary>
    public const int MaxWholeFrameLength = ushort.MaxValue - Ipv4Header.MinLength - NvgreHeader.Length;

    /// <summary>
    /// The smallest segment size passed on whole (RFC 879's default MSS): a super-frame of tinier segments, which no
    /// well-behaved stack sends, would have the kernel make up to thousands of packets from one send; it is split here.
    /// </summary>
    public const int MinWholeSegmentSize = 536;

    /// <summary>
    /// Takes over <paramref name="device"/> (disposed with the port). With <paramref name="superFramesWhole"/>, TCP
    /// super-frames the VM sends reach the pipeline unsplit (the underlay must take them: <see cref="IUnderlayPort.TakesSuperFrames"/>).
    /// </summary>
    public OffloadVmPort(int index, string name, TDevice device, bool superFramesWhole = false)
    {
        Index = index;
        Name = name;
        _device = device;
        _superFramesWhole = superFramesWhole;
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i] = new Writer(device.AcceptsUdpSuperFrames ? new UdpCoalescer() : null);
        }
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SafeHandle? Handle => _device.Handle;

    /// <summary>True when datagrams of one flow are joined toward the VM (the kernel takes UDP super-frames).</summary>
    public bool AcceptsUdpSuperFrames => _device.AcceptsUdpSuperFrames;

    /// <summary>Reads and writes that failed for a reason other than "nothing waiting".</summary>
    public long Errors => _readErrors + Interlocked.Read(ref _writeErrors);

    /// <summary>Reads whose virtio header or offload request did not fit the frame (dropped).</summary>
    public long MalformedOffloads { get; private set; }

    /// <summary>TCP super-frames read (each split into segments).</summary>
    public long SuperFramesRead { get; private set; }

    /// <summary>Segments split out of those super-frames.</summary>
    public long SegmentsSplit { get; private set; }

    /// <summary>TCP super-frames read and handed to the pipeline whole (the underlay segments them).</summary>
    public long SuperFramesWhole { get; private set; }

    /// <summary>Writes to the VM that carried more than one segment.</summary>
    public long CoalescedWrites => _writers.Sum(w => w.CoalescedWrites);

    /// <summary>Segments those writes carried together.</summary>
    public long CoalescedSegments => _writers.Sum(w => w.CoalescedSegments);

    /// <summary>TCP super-frames the underlay received whole and written so (<see cref="NvgreSuperFrame"/>).</summary>
    public long WholeSuperFramesWritten => _writers.Sum(w => w.WholeSuperFrames);

    /// <summary>Writes to the VM that carried more than one UDP datagram (only where the kernel takes UDP super-frames).</summary>
    public long CoalescedDatagramWrites => _writers.Sum(w => w.CoalescedDatagramWrites);

    /// <summary>Datagrams those writes carried together.</summary>
    public long CoalescedDatagrams => _writers.Sum(w => w.CoalescedDatagrams);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["superFramesRead"] = SuperFramesRead,
        ["segmentsSplit"] = SegmentsSplit,
        ["superFramesWhole"] = SuperFramesWhole,
        ["coalescedWrites"] = CoalescedWrites,
        ["coalescedSegments"] = CoalescedSegments,
        ["superFramesWritten"] = WholeSuperFramesWritten,
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

            // Read straight into the buffer, the virtio header into the end of its headroom: a frame the pipeline
            // takes as it is (every plain frame, a super-frame taken whole) is never copied again.
            var target = buffer.All.Slice(PacketBuffer.Headroom - VirtioNetHeader.Length, _read.Length);
            var result = _device.Read(target);
            if (!result.IsSuccess)
            {
                if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
                {
                    _readErrors++;
                }

                return false;
            }

            if (Accept(target[..result.Count], buffer))
            {
                return true;
            }
        }
    }

    /// <summary>The first segment was answered with an ICMP error (too big, TTL): the rest would be too.</summary>
    public void SkipSegments() => _segmenter.Skip();

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame, int writer = 0, int segmentSize = 0)
    {
        var w = _writers[writer];
        if (segmentSize > 0)
        {
            return SendWhole(w, frame, segmentSize);
        }

        if (w.Tcp.TryAppend(frame) || (w.Udp is not null && w.Udp.TryAppend(frame)))
        {
            return true;
        }

        var written = WritePending(w);
        if (w.Tcp.TryStart(frame) || (w.Udp is not null && w.Udp.TryStart(frame)))
        {
            return written;
        }

        return Written(_device.Write(PlainHeader, frame)) && written;
    }

    /// <inheritdoc />
    public void Flush(int writer = 0) => WritePending(_writers[writer]);

    /// <inheritdoc />
    public void Dispose() => _device.Dispose();

    /// <summary>
    /// Takes what was read into <paramref name="buffer"/> (<paramref name="read"/>: the virtio header, then the frame at
    /// the buffer's headroom): a plain frame or a super-frame taken whole stays where it is; a super-frame to split
    /// moves aside to the port's own array first, since its segments are written where it was read.
    /// </summary>
    private bool Accept(Span<byte> read, PacketBuffer buffer)
    {
        if (!VirtioNetHeader.TryRead(read, out var header))
        {
            MalformedOffloads++;
            return false;
        }

        var frameLength = read.Length - VirtioNetHeader.Length;
        var frame = read[VirtioNetHeader.Length..];
        if ((header.GsoType & ~VirtioNetHeader.GsoEcn) != VirtioNetHeader.GsoNone)
        {
            if (_superFramesWhole && TryTakeWhole(frame, header, buffer))
            {
                SuperFramesRead++;
                SuperFramesWhole++;
                return true;
            }

            read.CopyTo(_read);
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

        if ((header.Flags & VirtioNetHeader.NeedsChecksum) != 0 && !ChecksumCompletion.TryComplete(frame, header))
        {
            MalformedOffloads++;
            return false;
        }

        return Loaded(buffer, frameLength);
    }

    /// <summary>
    /// Takes a TCP super-frame (read into <paramref name="buffer"/> at its headroom) whole when it has the shape the
    /// VM's kernel gives one: TCP of the family the header announces, its checksum partial at the TCP header, the IP
    /// length covering the frame, more than one segment's payload, segments of at least
    /// <see cref="MinWholeSegmentSize"/> bytes, and no larger than <see cref="MaxWholeFrameLength"/>. The partial
    /// checksum is written afresh, as the kernel that segments it expects it (the pseudo-header's sum over the whole
    /// TCP length).
    /// </summary>
    private static bool TryTakeWhole(Span<byte> frame, in VirtioNetHeader header, PacketBuffer buffer)
    {
        // One segment's worth is not a super-frame to pass on: the segmenter makes it a plain packet, checksum finished.
        if (header.GsoSize < MinWholeSegmentSize || frame.Length > MaxWholeFrameLength
            || !TcpFrame.TryPrepareSuperFrame(frame, header, 0, out _, out var segments) || segments < 2)
        {
            return false;
        }

        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = frame.Length;
        buffer.SegmentSize = header.GsoSize;
        buffer.Segments = segments;
        return true;
    }

    private static bool Loaded(PacketBuffer buffer, int length)
    {
        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = length;
        return true;
    }

    /// <summary>
    /// Writes a TCP super-frame the underlay received whole (its checksum partial) in one write, after what this
    /// writer held, so a flow's bytes stay in order.
    /// </summary>
    private bool SendWhole(Writer w, ReadOnlySpan<byte> frame, int segmentSize)
    {
        var written = WritePending(w);
        if (!TcpFrame.TryRead(frame, out var tcp) || segmentSize > ushort.MaxValue)
        {
            Interlocked.Increment(ref _writeErrors);
            return false;
        }

        Span<byte> header = stackalloc byte[VirtioNetHeader.Length];
        new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
            (ushort)tcp.HeaderLength, (ushort)segmentSize, (ushort)tcp.TcpStart, 16).Write(header);
        w.WholeSuperFrames++;
        return Written(_device.Write(header, frame)) && written;
    }

    private bool WritePending(Writer w)
    {
        if (w.Udp is { HasPending: true } udp)
        {
            if (udp.Segments > 1)
            {
                w.CoalescedDatagramWrites++;
                w.CoalescedDatagrams += udp.Segments;
            }

            return Written(_device.Write(udp.Complete()));
        }

        if (!w.Tcp.HasPending)
        {
            return true;
        }

        if (w.Tcp.Segments > 1)
        {
            w.CoalescedWrites++;
            w.CoalescedSegments += w.Tcp.Segments;
        }

        return Written(_device.Write(w.Tcp.Complete()));
    }

    private bool Written(IoResult result)
    {
        if (result.IsSuccess)
        {
            return true;
        }

        Interlocked.Increment(ref _writeErrors);
        return false;
    }

    /// <summary>One writer's pending runs and counts: only its worker touches them (counts are read from anywhere).</summary>
    private sealed class Writer(UdpCoalescer? udp)
    {
        public TcpCoalescer Tcp { get; } = new();

        public UdpCoalescer? Udp { get; } = udp;

        public long CoalescedWrites;
        public long CoalescedSegments;
        public long CoalescedDatagramWrites;
        public long CoalescedDatagrams;
        public long WholeSuperFrames;
    }
}
