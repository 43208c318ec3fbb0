using System.Buffers.Binary;
using Hnv.Linux.Tap;

namespace Hnv.Dataplane.Offloads;

/// <summary>
/// Software TSO: splits one TCP super-frame (a TAP read with gso_type TCPV4/TCPV6) into frames of at most
/// gso_size payload bytes, as the NIC would have. Each segment gets the super-frame's Ethernet, IP and TCP
/// headers with its own IP length (IPv4: ID + i and header checksum), sequence number, flags (FIN and PSH only
/// on the last, CWR only on the first) and a full TCP checksum. One super-frame at a time; the frame stays in
/// the caller's array, which must not change until <see cref="TryNext"/> returns false or <see cref="Skip"/>.
/// </summary>
public sealed class TcpSegmenter
{
    private byte[] _source = [];
    private int _start;
    private int _end;
    private int _headerLength;
    private int _mss;
    private int _next;
    private int _index;

    /// <summary>True while segments of the current super-frame remain.</summary>
    public bool HasPending => _next < _end;

    /// <summary>
    /// Begins splitting the frame at <paramref name="source"/>[<paramref name="start"/>..+<paramref name="length"/>]
    /// as <paramref name="header"/> describes; false (and nothing pending) for a super-frame that is not
    /// well-formed TCP of the announced family with a positive gso_size.
    /// </summary>
    public bool Start(byte[] source, int start, int length, in VirtioNetHeader header)
    {
        _next = _end = 0;
        var frame = source.AsSpan(start, length);
        var type = header.GsoType & ~VirtioNetHeader.GsoEcn;
        if (header.GsoSize == 0 || !TcpFrame.TryRead(frame, out var tcp) || tcp.IsV6 != (type == VirtioNetHeader.GsoTcpV6)
            || (type is not (VirtioNetHeader.GsoTcpV4 or VirtioNetHeader.GsoTcpV6)) || tcp.HeaderLength >= length)
        {
            return false;
        }

        _source = source;
        _start = start;
        _headerLength = tcp.HeaderLength;
        _mss = header.GsoSize;
        _next = start + tcp.HeaderLength;
        _end = start + length;
        _index = 0;
        return true;
    }

    /// <summary>Writes the next segment at the start of <paramref name="destination"/>; false when none is left.</summary>
    public bool TryNext(Span<byte> destination, out int length)
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

        var source = _source.AsSpan(_start, _end - _start);
        source[.._headerLength].CopyTo(destination);
        _source.AsSpan(_next, chunk).CopyTo(destination[_headerLength..]);
        var segment = destination[..length];
        TcpFrame.TryRead(segment, out var tcp);
        if (!tcp.IsV6)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(source[(TcpFrame.IpStart + 4)..]);
            BinaryPrimitives.WriteUInt16BigEndian(segment[(TcpFrame.IpStart + 4)..], (ushort)(id + _index));
        }

        tcp.SetIpLength(segment, length);

        var tcpHeader = segment[tcp.TcpStart..];
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(source[(tcp.TcpStart + 4)..]);
        BinaryPrimitives.WriteUInt32BigEndian(tcpHeader[4..], sequence + (uint)(_next - _start - _headerLength));
        var last = _next + chunk >= _end;
        if (!last)
        {
            tcpHeader[13] &= unchecked((byte)~(TcpFrame.FlagFin | TcpFrame.FlagPsh));
        }

        if (_index > 0)
        {
            tcpHeader[13] &= unchecked((byte)~TcpFrame.FlagCwr);
        }

        tcp.WriteChecksum(segment);
        _next += chunk;
        _index++;
        return true;
    }

    /// <summary>Drops the rest of the super-frame (the first segment was answered with an ICMP error, which the rest would repeat).</summary>
    public void Skip() => _next = _end;
}
