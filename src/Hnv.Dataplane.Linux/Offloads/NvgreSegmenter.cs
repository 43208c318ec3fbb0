using Hnv.Forwarding.Buffers;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Splits an NVGRE super-frame back into the packets the sending host sent. A receiving NIC with GRO on (the
/// default on physical NICs) merges one flow's NVGRE segments (the kernel's gre_gro_receive): one outer header,
/// outer and inner lengths covering all of them, the inner TCP checksum left to finish; an AF_PACKET socket with
/// PACKET_VNET_HDR hands it over with the inner gso_type and gso_size. <see cref="TcpSegmenter"/> splits the inner
/// frame, and each piece gets the outer IP and NVGRE headers with its own length (IPv4: and header checksum). Like
/// <see cref="TcpSegmenter"/>, it keeps only offsets: the caller passes the same frame to every call.
/// </summary>
public sealed class NvgreSegmenter
{
    private const int EthernetLength = IpFrame.EthernetLength;

    private readonly TcpSegmenter _inner = new();
    private int _greStart;
    private int _innerStart;

    /// <summary>Super-frames begun (a <see cref="Start(Span{byte}, in VirtioNetHeader)"/> that took the frame).</summary>
    public long SuperFrames { get; private set; }

    /// <summary>Packets split out of them.</summary>
    public long Segments { get; private set; }

    /// <summary>True while segments of the current super-frame remain.</summary>
    public bool HasPending => _inner.HasPending;

    /// <summary>
    /// Begins splitting <paramref name="frame"/> (outer Ethernet first) as <paramref name="header"/> describes;
    /// false (and nothing pending) unless it is IPv4 or IPv6 carrying plain NVGRE (key only, protocol 0x6558)
    /// around a TCP super-frame of the family the header announces.
    /// </summary>
    public bool Start(Span<byte> frame, in VirtioNetHeader header) => Counted(Locate(frame) && _inner.Start(frame[_innerStart..], header));

    /// <summary>
    /// Begins splitting <paramref name="frame"/> (outer Ethernet first) where nothing says how the sender cut it (a
    /// raw GRE socket hands over a merged packet bare): into NVGRE packets of at most
    /// <paramref name="maxPacketLength"/> bytes from the outer IP header on, the underlay MTU. TCP does not mind
    /// where segments end, and every segment's checksum is computed afresh, whether the merged one was finished or not.
    /// </summary>
    public bool Start(Span<byte> frame, int maxPacketLength)
    {
        if (!Locate(frame) || !TcpFrame.TryRead(frame[_innerStart..], out var tcp))
        {
            return false;
        }

        var segmentSize = maxPacketLength - (_innerStart - EthernetLength) - tcp.HeaderLength;
        if (segmentSize <= 0)
        {
            return false;
        }

        var header = new VirtioNetHeader(0, tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4, 0, (ushort)segmentSize, 0, 0);
        return Counted(_inner.Start(frame[_innerStart..], header));
    }

    /// <summary>
    /// Writes the next NVGRE packet, outer Ethernet header first, at the start of <paramref name="destination"/>;
    /// false when none is left.
    /// </summary>
    public bool TryNext(ReadOnlySpan<byte> frame, Span<byte> destination, out int length)
    {
        length = 0;
        if (destination.Length <= _innerStart
            || !_inner.TryNext(frame[_innerStart..], destination[_innerStart..], out var innerLength))
        {
            return false;
        }

        frame[.._innerStart].CopyTo(destination);
        length = _innerStart + innerLength;
        IpFrame.SetLength(destination, _greStart, length);
        Segments++;
        return true;
    }

    /// <summary>
    /// Loads the next NVGRE packet into <paramref name="buffer"/> as the pipeline takes it from the underlay, outer IP
    /// header first (the outer Ethernet header stays in the headroom); false when none is left.
    /// </summary>
    public bool TryNext(ReadOnlySpan<byte> frame, PacketBuffer buffer)
    {
        if (!TryNext(frame, buffer.ReceiveSpan, out var length))
        {
            return false;
        }

        buffer.Offset = PacketBuffer.Headroom + EthernetLength;
        buffer.Length = length - EthernetLength;
        return true;
    }

    /// <summary>Drops the rest of the super-frame.</summary>
    public void Skip() => _inner.Skip();

    private bool Counted(bool started)
    {
        SuperFrames += started ? 1 : 0;
        return started;
    }

    /// <summary>Finds the NVGRE header and the inner frame (<see cref="NvgreFrame.TryLocate"/>), dropping what was pending.</summary>
    private bool Locate(Span<byte> frame)
    {
        _inner.Skip();
        return NvgreFrame.TryLocate(frame, out _greStart, out _innerStart);
    }
}
