using System.Runtime.InteropServices;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Filters;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The underlay's receive side: one AF_PACKET socket whose BPF filter queues only GRE to this host's PAs, read a
/// batch at a time (recvmmsg). The socket carries a virtio header because a NIC with GRO on merges one flow's NVGRE
/// segments into a super-frame of up to 64 KiB: a TCP super-frame as GRO builds it goes to the pipeline whole
/// (<see cref="NvgreSuperFrame"/>), any other is split back into the packets the sender sent (<see cref="NvgreSegmenter"/>),
/// and a checksum the kernel left unfinished is finished here.
/// </summary>
internal sealed class UnderlayReceiver : IDisposable
{
    private const int BatchSize = 64;

    /// <summary>
    /// A receive slot: the virtio header and the largest frame GRO builds (64 KiB from the outer IP header on,
    /// the kernel's default gro_max_size). A larger one (an administrator raised gro_max_size) is counted and dropped.
    /// </summary>
    private const int SlotSize = VirtioNetHeader.Length + IpFrame.EthernetLength + 65536 + 64;

    private readonly PacketSocket _socket;
    private readonly PacketBatch _batch;
    private readonly NvgreSegmenter _segmenter = new();
    private int _received;
    private int _cursor;
    private int _superFrameSlot;

    public UnderlayReceiver(string interfaceName, IpAddress? providerAddressV4, IpAddress? providerAddressV6, int socketBufferBytes)
    {
        _batch = new PacketBatch(BatchSize, SlotSize);
        try
        {
            _socket = PacketSocket.Open(interfaceName, PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader,
                BpfProgram.GreToEthernet(providerAddressV4?.ToIPAddress(), providerAddressV6?.ToIPAddress()));
            _socket.SetBufferSizes(socketBufferBytes, 0);
        }
        catch
        {
            _batch.Dispose();
            throw;
        }
    }

    /// <summary>The socket a worker waits on.</summary>
    public SafeHandle Handle => _socket.Handle;

    /// <summary>Receives that failed for a reason other than "nothing waiting".</summary>
    public long Errors { get; private set; }

    /// <summary>Super-frames handed to the pipeline whole.</summary>
    public long WholeSuperFrames { get; private set; }

    /// <summary>Super-frames split back into packets.</summary>
    public long SplitSuperFrames => _segmenter.SuperFrames;

    /// <summary>Packets split out of those.</summary>
    public long SegmentsSplit => _segmenter.Segments;

    /// <summary>Frames larger than a receive slot or the pipeline's buffer (dropped).</summary>
    public long TruncatedFrames { get; private set; }

    /// <summary>Frames whose virtio header did not fit them (dropped).</summary>
    public long MalformedOffloads { get; private set; }

    /// <summary>Loads the next received packet into <paramref name="buffer"/>, reading a new batch when this one is used up.</summary>
    public bool TryReceive(PacketBuffer buffer)
    {
        while (true)
        {
            if (_segmenter.HasPending)
            {
                // The slot stays as received until its last segment is out: the next batch comes after.
                var superFrame = _batch.Packet(_superFrameSlot)[VirtioNetHeader.Length..];
                if (_segmenter.TryNext(superFrame, buffer))
                {
                    return true;
                }

                continue;
            }

            if (_cursor >= _received && !ReceiveBatch())
            {
                return false;
            }

            if (Accept(_cursor++, buffer))
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _batch.Dispose();
    }

    /// <summary>
    /// Takes received message <paramref name="index"/>: a plain frame is loaded into <paramref name="buffer"/>
    /// (its checksum finished if the kernel left it), a super-frame starts the segmenter; false when nothing was loaded.
    /// </summary>
    private bool Accept(int index, PacketBuffer buffer)
    {
        if (_batch.IsTruncated(index))
        {
            TruncatedFrames++;
            return false;
        }

        var message = _batch.Packet(index);
        if (!VirtioNetHeader.TryRead(message, out var header) || message.Length <= VirtioNetHeader.Length + IpFrame.EthernetLength)
        {
            MalformedOffloads++;
            return false;
        }

        var frame = message[VirtioNetHeader.Length..];
        if ((header.GsoType & ~VirtioNetHeader.GsoEcn) != VirtioNetHeader.GsoNone)
        {
            if (frame.Length - IpFrame.EthernetLength <= buffer.ReceiveSpan.Length && NvgreSuperFrame.TryPrepare(frame, header, out var segments))
            {
                WholeSuperFrames++;
                Load(frame, buffer);
                buffer.SegmentSize = header.GsoSize;
                buffer.Segments = segments;
                return true;
            }

            if (_segmenter.Start(frame, header))
            {
                _superFrameSlot = index;
            }
            else
            {
                MalformedOffloads++;
            }

            return false;
        }

        if ((header.Flags & VirtioNetHeader.NeedsChecksum) != 0 && !ChecksumCompletion.TryComplete(frame, header))
        {
            MalformedOffloads++;
            return false;
        }

        if (frame.Length - IpFrame.EthernetLength > buffer.ReceiveSpan.Length)
        {
            TruncatedFrames++;
            return false;
        }

        Load(frame, buffer);
        return true;
    }

    /// <summary>Loads <paramref name="frame"/> from its outer IP header on, as the pipeline takes it.</summary>
    private static void Load(ReadOnlySpan<byte> frame, PacketBuffer buffer)
    {
        frame[IpFrame.EthernetLength..].CopyTo(buffer.ReceiveSpan);
        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = frame.Length - IpFrame.EthernetLength;
    }

    private bool ReceiveBatch()
    {
        _received = _cursor = 0;
        var result = _socket.ReceiveBatch(_batch);
        if (!result.IsSuccess)
        {
            if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
            {
                Errors++;
            }

            return false;
        }

        _received = result.Count;
        return _received > 0;
    }
}
