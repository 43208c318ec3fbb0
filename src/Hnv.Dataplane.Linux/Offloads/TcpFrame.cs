using System.Buffers.Binary;
using Hnv.Wire.Checksums;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Where the parts of an untagged Ethernet frame carrying IPv4 or IPv6 and TCP are, for the offload code that
/// splits and joins such frames. Only what both need: the IP header's start and kind, the TCP header's start and
/// length, and the pseudo-header sum. IPv6 extension headers are not walked: the TCP header must follow the
/// fixed header, as it does in what Linux segments and coalesces.
/// </summary>
internal readonly ref struct TcpFrame
{
    public const int EthernetLength = IpFrame.EthernetLength;
    public const int IpStart = IpFrame.IpStart;
    public const byte FlagFin = 0x01;
    public const byte FlagSyn = 0x02;
    public const byte FlagRst = 0x04;
    public const byte FlagPsh = 0x08;
    public const byte FlagAck = 0x10;
    public const byte FlagCwr = 0x80;

    private TcpFrame(bool isV6, int tcpStart, int tcpHeaderLength)
    {
        IsV6 = isV6;
        TcpStart = tcpStart;
        TcpHeaderLength = tcpHeaderLength;
    }

    public bool IsV6 { get; }

    /// <summary>Offset of the TCP header in the frame (the end of the IP header).</summary>
    public int TcpStart { get; }

    public int TcpHeaderLength { get; }

    /// <summary>Offset of the TCP payload: everything before it is copied into each segment.</summary>
    public int HeaderLength => TcpStart + TcpHeaderLength;

    /// <summary>Reads the layout; false for anything that is not unfragmented IPv4/IPv6 TCP with whole headers.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out TcpFrame tcp)
    {
        tcp = default;
        if (frame.Length < EthernetLength + 40)
        {
            return false;
        }

        int tcpStart;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == 0x0800)
        {
            var ihl = (frame[IpStart] & 0x0F) * 4;
            var fragment = BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + 6)..]) & 0x3FFF;
            if (frame[IpStart] >> 4 != 4 || ihl < 20 || frame[IpStart + 9] != 6 || fragment != 0)
            {
                return false;
            }

            tcpStart = IpStart + ihl;
        }
        else if (etherType == 0x86DD)
        {
            if (frame[IpStart] >> 4 != 6 || frame[IpStart + 6] != 6)
            {
                return false;
            }

            tcpStart = IpStart + 40;
        }
        else
        {
            return false;
        }

        if (tcpStart + 20 > frame.Length)
        {
            return false;
        }

        var tcpHeaderLength = (frame[tcpStart + 12] >> 4) * 4;
        if (tcpHeaderLength < 20 || tcpStart + tcpHeaderLength > frame.Length)
        {
            return false;
        }

        tcp = new TcpFrame(etherType == 0x86DD, tcpStart, tcpHeaderLength);
        return true;
    }

    /// <summary>
    /// True when <paramref name="frame"/> (an Ethernet frame) is a TCP super-frame as the kernel hands one over and as
    /// <paramref name="header"/> describes it: TCP of the announced family (ECN mark or not), a positive gso_size, the
    /// checksum partial at the TCP header (csum_start <paramref name="checksumBase"/> + the TCP header's offset, offset
    /// 16), the IP length covering the frame and some payload. The partial checksum is then written afresh, the
    /// pseudo-header's sum over the whole TCP length, whatever the kernel left there, and <paramref name="segments"/>
    /// says how many segments the frame stands for. Both ways a super-frame is taken whole use it: from a VM port, and
    /// decapsulated from the underlay (<see cref="NvgreSuperFrame"/>).
    /// </summary>
    public static bool TryPrepareSuperFrame(Span<byte> frame, in VirtioNetHeader header, int checksumBase, out TcpFrame tcp, out int segments)
    {
        segments = 0;
        var type = header.GsoType & ~VirtioNetHeader.GsoEcn;
        if (type is not (VirtioNetHeader.GsoTcpV4 or VirtioNetHeader.GsoTcpV6) || header.GsoSize == 0
            || (header.Flags & VirtioNetHeader.NeedsChecksum) == 0 || header.ChecksumOffset != 16
            || !TryRead(frame, out tcp) || tcp.IsV6 != (type == VirtioNetHeader.GsoTcpV6) || checksumBase + tcp.TcpStart != header.ChecksumStart
            || frame.Length <= tcp.HeaderLength || !tcp.IpLengthMatches(frame))
        {
            tcp = default;
            return false;
        }

        tcp.WritePartialChecksum(frame);
        segments = (frame.Length - tcp.HeaderLength + header.GsoSize - 1) / header.GsoSize;
        return true;
    }

    /// <summary>The TCP pseudo-header sum for <paramref name="tcpLength"/> bytes (RFC 793 / RFC 8200 8.1), unfolded.</summary>
    public static ulong PseudoHeaderSum(ReadOnlySpan<byte> frame, int tcpLength) => IpFrame.PseudoHeaderSum(frame, 6, tcpLength);

    /// <summary>True when the IP header's length field agrees with the frame (no Ethernet padding, nothing cut off).</summary>
    public bool IpLengthMatches(ReadOnlySpan<byte> frame) => IsV6
        ? BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + 4)..]) == frame.Length - IpStart - 40
        : BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + 2)..]) == frame.Length - IpStart;

    /// <summary>Writes the pseudo-header's sum as the TCP checksum, what a partial checksum (NEEDS_CSUM) must hold.</summary>
    public void WritePartialChecksum(Span<byte> frame) =>
        BinaryPrimitives.WriteUInt16BigEndian(frame[(TcpStart + 16)..], InternetChecksum.Fold(PseudoHeaderSum(frame, frame.Length - TcpStart)));

    /// <summary>Sets the IP length fields for a frame of <paramref name="frameLength"/> bytes (IPv4: and the header checksum).</summary>
    public void SetIpLength(Span<byte> frame, int frameLength) => IpFrame.SetLength(frame, TcpStart, frameLength);

    /// <summary>True when the TCP checksum of <paramref name="frame"/> (as long as it is) is right.</summary>
    public bool HasValidChecksum(ReadOnlySpan<byte> frame)
    {
        var segment = frame[TcpStart..];
        return InternetChecksum.Fold(InternetChecksum.Add(PseudoHeaderSum(frame, segment.Length), segment)) == 0xFFFF;
    }

    /// <summary>Writes the full TCP checksum of <paramref name="frame"/> (as long as it is).</summary>
    public void WriteChecksum(Span<byte> frame)
    {
        var segment = frame[TcpStart..];
        segment[16] = 0;
        segment[17] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(segment[16..], InternetChecksum.Finish(InternetChecksum.Add(PseudoHeaderSum(frame, segment.Length), segment)));
    }
}
