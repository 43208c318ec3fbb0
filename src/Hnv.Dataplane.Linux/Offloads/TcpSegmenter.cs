using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Software TSO: splits one TCP super-frame (a TAP read with gso_type TCPV4/TCPV6) into frames of at most
/// gso_size payload bytes, as the NIC would have. Each segment gets the super-frame's Ethernet, IP and TCP
/// headers with its own IP length (IPv4: ID + i and header checksum), sequence number, flags (FIN and PSH only
/// on the last, CWR only on the first) and a full TCP checksum. One super-frame at a time; the frame stays with
/// the caller (a managed array or a native receive slot), who passes the same bytes to every <see cref="TryNext"/>
/// until it returns false or <see cref="Skip"/>: the segmenter keeps only offsets.
/// </summary>
public sealed class TcpSegmenter
{
    private int _end;
    private int _headerLength;
    private int _mss;
    private int _next;
    private int _index;

    /// <summary>True while segments of the current super-frame remain.</summary>
    public bool HasPending => _next < _end;

    /// <summary>
    /// Begins splitting <paramref name="frame"/> (an Ethernet frame) as <paramref name="header"/> describes; false
    /// (and nothing pending) for a super-frame that is not well-formed TCP of the announced family with a positive
    /// gso_size.
    /// </summary>
    public bool Start(ReadOnlySpan<byte> frame, in VirtioNetHeader header)
    {
        _next = _end = 0;
        var length = frame.Length;
        var type = header.GsoType & ~VirtioNetHeader.GsoEcn;
        if (header.GsoSize == 0 || !TcpFrame.TryRead(frame, out var tcp) || tcp.IsV6 != (type == VirtioNetHeader.GsoTcpV6)
            || (type is not (VirtioNetHeader.GsoTcpV4 or VirtioNetHeader.GsoTcpV6)) || tcp.HeaderLength >= length)
        {
            return false;
        }

        _headerLength = tcp.HeaderLength;
        _mss = header.GsoSize;
        _next = tcp.HeaderLength;
        _end = length;
        _index = 0;
        return true;
    }

    /// <summary>
    /// Writes the next segment of <paramref name="source"/> (the frame given to <see cref="Start"/>) at the start of
    /// <paramref name="destination"/>; false when none is left.
    /// </summary>
    public bool TryNext(ReadOnlySpan<byte> source, Span<byte> destination, out int length)
    {
        length = 0;
        if (_next >= _end)
        {
            return false;
        }

        var chunk = Math.Min(_mss, _end - _next);
        length = _headerLength + chunk;
        if (length > destination.Length)
        {
            Skip();
            return false;
        }

        if (source.Length != _end)
        {
            throw new ArgumentException("Pass the frame given to Start.", nameof(source));
        }

        source[.._headerLength].CopyTo(destination);
        source.Slice(_next, chunk).CopyTo(destination[_headerLength..]);
        var segment = destination[..length];
        TcpFrame.TryRead(segment, out var tcp);
        if (!tcp.IsV6)
        {
            IpFrame.SetIdentification(segment, (ushort)(IpFrame.Identification(source) + _index));
        }

        tcp.SetIpLength(segment, length);
        tcp.SetSequence(segment, tcp.Sequence(source) + (uint)(_next - _headerLength));
        var last = _next + chunk >= _end;
        if (!last)
        {
            tcp.ClearFlags(segment, TcpFrame.FlagFin | TcpFrame.FlagPsh);
        }

        if (_index > 0)
        {
            tcp.ClearFlags(segment, TcpFrame.FlagCwr);
        }

        tcp.WriteChecksum(segment);
        _next += chunk;
        _index++;
        return true;
    }

    /// <summary>Drops the rest of the super-frame (the first segment was answered with an ICMP error, which the rest would repeat).</summary>
    public void Skip() => _next = _end;
}
