using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Software GRO for frames going into a TAP: consecutive TCP segments of one flow are joined into one
/// super-frame that the VM's kernel takes in a single write (virtio gso_type TCPV4/TCPV6, NEEDS_CSUM with the
/// pseudo-header sum in the checksum field), instead of one write per segment. The rules follow Linux's
/// tcp_gro_receive and wireguard-go's tun/offload_linux.go: same addresses, ports, IP TOS/TTL (IPv6: traffic
/// class, flow label, hop limit), same TCP header length, options, ack and window; only ACK set (PSH allowed on
/// the last); the next sequence number; payloads of the first one's size (the last may be shorter). Every
/// segment's checksum is verified before it joins: the VM's kernel will not check a coalesced frame again.
/// </summary>
public sealed class TcpCoalescer
{
    /// <summary>The largest frame a TAP write may carry: IP's 64 KiB length limit plus Ethernet.</summary>
    public const int MaxFrameLength = TcpFrame.EthernetLength + 65535;

    private readonly byte[] _buffer = new byte[VirtioNetHeader.Length + MaxFrameLength];
    private int _length;
    private int _segments;
    private int _gsoSize;
    private uint _nextSequence;
    private bool _closed;

    /// <summary>True when a frame is held; write <see cref="Complete"/>'s bytes, then call <see cref="TryStart"/> or append again.</summary>
    public bool HasPending => _length > 0;

    /// <summary>Segments held in the pending frame.</summary>
    public int Segments => _segments;

    /// <summary>
    /// Appends <paramref name="frame"/> to the pending super-frame when it is the flow's next segment; false
    /// otherwise (then complete and write the pending one, and <see cref="TryStart"/> this one).
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> frame)
    {
        if (_length == 0 || _closed || !TcpFrame.TryRead(frame, out var tcp))
        {
            return false;
        }

        var pending = _buffer.AsSpan(VirtioNetHeader.Length, _length);
        TcpFrame.TryRead(pending, out var first);
        var payload = frame.Length - tcp.HeaderLength;
        if (tcp.IsV6 != first.IsV6 || tcp.HeaderLength != first.HeaderLength || payload <= 0 || payload > _gsoSize
            || _length + payload > MaxFrameLength || !SameFlow(pending, frame, tcp))
        {
            return false;
        }

        var flags = tcp.Flags(frame);
        if ((flags & ~TcpFrame.FlagPsh) != TcpFrame.FlagAck || tcp.Sequence(frame) != _nextSequence
            || !tcp.HasValidChecksum(frame))
        {
            return false;
        }

        frame[tcp.HeaderLength..].CopyTo(_buffer.AsSpan(VirtioNetHeader.Length + _length));
        _length += payload;
        _segments++;
        _nextSequence += (uint)payload;
        if ((flags & TcpFrame.FlagPsh) != 0)
        {
            first.SetFlags(pending, TcpFrame.FlagPsh);
            _closed = true;
        }

        _closed |= payload < _gsoSize;
        return true;
    }

    /// <summary>
    /// Holds <paramref name="frame"/> as the start of a new super-frame when it could begin one (a TCP segment
    /// with only ACK set, a payload and a valid checksum); false otherwise (write it as it is). Nothing may be pending.
    /// </summary>
    public bool TryStart(ReadOnlySpan<byte> frame)
    {
        if (_length != 0)
        {
            throw new InvalidOperationException("Complete the pending frame first.");
        }

        if (!TcpFrame.TryRead(frame, out var tcp) || frame.Length <= tcp.HeaderLength || tcp.Flags(frame) != TcpFrame.FlagAck
            || !IpFrame.LengthMatches(frame) || !tcp.HasValidChecksum(frame))
        {
            return false;
        }

        frame.CopyTo(_buffer.AsSpan(VirtioNetHeader.Length));
        _length = frame.Length;
        _segments = 1;
        _gsoSize = frame.Length - tcp.HeaderLength;
        _nextSequence = tcp.Sequence(frame) + (uint)_gsoSize;
        _closed = false;
        return true;
    }

    /// <summary>
    /// Finishes the pending frame and returns it with its virtio header in front, ready for one TAP write; the
    /// coalescer is then empty. One segment goes as it came (checksum verified: DATA_VALID).
    /// </summary>
    public ReadOnlySpan<byte> Complete()
    {
        var frame = _buffer.AsSpan(VirtioNetHeader.Length, _length);
        TcpFrame.TryRead(frame, out var tcp);
        VirtioNetHeader header;
        if (_segments == 1)
        {
            header = new VirtioNetHeader(VirtioNetHeader.DataValid, VirtioNetHeader.GsoNone, 0, 0, 0, 0);
        }
        else
        {
            tcp.SetIpLength(frame, _length);
            tcp.WritePartialChecksum(frame);
            header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
                (ushort)tcp.HeaderLength, (ushort)_gsoSize, (ushort)tcp.TcpStart, TcpFrame.ChecksumOffset);
        }

        header.Write(_buffer);
        var whole = _buffer.AsSpan(0, VirtioNetHeader.Length + _length);
        _length = 0;
        _segments = 0;
        return whole;
    }

    private static bool SameFlow(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> frame, TcpFrame tcp)
    {
        if (!IpFrame.LengthMatches(frame) || !pending[..12].SequenceEqual(frame[..12]))
        {
            return false;
        }

        if (tcp.IsV6)
        {
            // Version, traffic class, flow label; next header and hop limit; both addresses.
            return pending.Slice(TcpFrame.IpStart, 4).SequenceEqual(frame.Slice(TcpFrame.IpStart, 4))
                && pending.Slice(TcpFrame.IpStart + 6, 34).SequenceEqual(frame.Slice(TcpFrame.IpStart + 6, 34))
                && SameTcp(pending, frame, tcp);
        }

        // IHL/TOS; flags (DF); TTL and protocol; addresses and options. Length, ID and checksum may differ.
        return pending.Slice(TcpFrame.IpStart, 2).SequenceEqual(frame.Slice(TcpFrame.IpStart, 2))
            && pending[TcpFrame.IpStart + 6] == frame[TcpFrame.IpStart + 6]
            && pending.Slice(TcpFrame.IpStart + 8, 2).SequenceEqual(frame.Slice(TcpFrame.IpStart + 8, 2))
            && pending[(TcpFrame.IpStart + 12)..tcp.TcpStart].SequenceEqual(frame[(TcpFrame.IpStart + 12)..tcp.TcpStart])
            && SameTcp(pending, frame, tcp);
    }

    /// <summary>Ports, ack, header length and window, and options (bytes 20 on) are equal; sequence, flags and checksum are checked elsewhere.</summary>
    private static bool SameTcp(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> frame, TcpFrame tcp)
    {
        var a = pending[tcp.TcpStart..tcp.HeaderLength];
        var b = frame[tcp.TcpStart..tcp.HeaderLength];
        return a[..4].SequenceEqual(b[..4]) && a.Slice(8, 5).SequenceEqual(b.Slice(8, 5)) && a.Slice(14, 2).SequenceEqual(b.Slice(14, 2))
            && a[20..].SequenceEqual(b[20..]);
    }
}
