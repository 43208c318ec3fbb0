using System.Buffers.Binary;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;
using Hnv.Wire.Transport;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Where the parts of an untagged Ethernet frame carrying IPv4 or IPv6 and TCP are, for the offload code that
/// splits and joins such frames. Only what both need: the IP header's start and kind, the TCP header's start and
/// length, and the pseudo-header sum. IPv6 extension headers are not walked: the TCP header must follow the
/// fixed header, as it does in what Linux segments and coalesces. Field positions come from Hnv.Wire's headers; the
/// frame is not read through their views because the offloads edit frames whose lengths do not agree yet (a segment
/// being built, a super-frame being joined), which a view refuses.
/// </summary>
internal readonly ref struct TcpFrame
{
    public const int EthernetLength = IpFrame.EthernetLength;
    public const int IpStart = IpFrame.IpStart;
    public const byte FlagFin = TcpHeader.FlagFin;
    public const byte FlagPsh = TcpHeader.FlagPsh;
    public const byte FlagAck = TcpHeader.FlagAck;
    public const byte FlagCwr = TcpHeader.FlagCwr;

    /// <summary>Where the checksum sits in the TCP header (a virtio header's csum_offset).</summary>
    public const int ChecksumOffset = TcpHeader.ChecksumOffset;

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
        if (frame.Length < EthernetLength + Ipv4Header.MinLength + TcpHeader.MinLength)
        {
            return false;
        }

        int tcpStart;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[EthernetFrame.EtherTypeOffset..]);
        var ip = frame[IpStart..];
        if (etherType == EtherTypes.Ipv4)
        {
            var ihl = (ip[0] & 0x0F) * 4;
            var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[Ipv4Header.FlagsOffset..]) & 0x3FFF;
            if (ip[0] >> 4 != 4 || ihl < Ipv4Header.MinLength || ip[Ipv4Header.ProtocolOffset] != IpProtocol.Tcp || fragment != 0)
            {
                return false;
            }

            tcpStart = IpStart + ihl;
        }
        else if (etherType == EtherTypes.Ipv6)
        {
            if (ip[0] >> 4 != 6 || ip[Ipv6Header.NextHeaderOffset] != IpProtocol.Tcp)
            {
                return false;
            }

            tcpStart = IpStart + Ipv6Header.Length;
        }
        else
        {
            return false;
        }

        if (tcpStart + TcpHeader.MinLength > frame.Length)
        {
            return false;
        }

        var tcpHeaderLength = (frame[tcpStart + TcpHeader.DataOffsetOffset] >> 4) * 4;
        if (tcpHeaderLength < TcpHeader.MinLength || tcpStart + tcpHeaderLength > frame.Length)
        {
            return false;
        }

        tcp = new TcpFrame(etherType == EtherTypes.Ipv6, tcpStart, tcpHeaderLength);
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
            || (header.Flags & VirtioNetHeader.NeedsChecksum) == 0 || header.ChecksumOffset != ChecksumOffset
            || !TryRead(frame, out tcp) || tcp.IsV6 != (type == VirtioNetHeader.GsoTcpV6) || checksumBase + tcp.TcpStart != header.ChecksumStart
            || frame.Length <= tcp.HeaderLength || !IpFrame.LengthMatches(frame))
        {
            tcp = default;
            return false;
        }

        tcp.WritePartialChecksum(frame);
        segments = (frame.Length - tcp.HeaderLength + header.GsoSize - 1) / header.GsoSize;
        return true;
    }

    /// <summary>The TCP pseudo-header sum for <paramref name="tcpLength"/> bytes (RFC 793 / RFC 8200 8.1), unfolded.</summary>
    public static ulong PseudoHeaderSum(ReadOnlySpan<byte> frame, int tcpLength) => IpFrame.PseudoHeaderSum(frame, IpProtocol.Tcp, tcpLength);

    /// <summary>The TCP flags byte.</summary>
    public byte Flags(ReadOnlySpan<byte> frame) => frame[TcpStart + TcpHeader.FlagsOffset];

    /// <summary>Sets <paramref name="flags"/> in the TCP flags byte.</summary>
    public void SetFlags(Span<byte> frame, byte flags) => frame[TcpStart + TcpHeader.FlagsOffset] |= flags;

    /// <summary>Clears <paramref name="flags"/> in the TCP flags byte.</summary>
    public void ClearFlags(Span<byte> frame, byte flags) => frame[TcpStart + TcpHeader.FlagsOffset] &= (byte)~flags;

    /// <summary>The TCP sequence number.</summary>
    public uint Sequence(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt32BigEndian(frame[(TcpStart + TcpHeader.SequenceOffset)..]);

    /// <summary>Writes the TCP sequence number.</summary>
    public void SetSequence(Span<byte> frame, uint sequence) => BinaryPrimitives.WriteUInt32BigEndian(frame[(TcpStart + TcpHeader.SequenceOffset)..], sequence);

    /// <summary>Writes the pseudo-header's sum as the TCP checksum, what a partial checksum (NEEDS_CSUM) must hold.</summary>
    public void WritePartialChecksum(Span<byte> frame) =>
        BinaryPrimitives.WriteUInt16BigEndian(frame[(TcpStart + ChecksumOffset)..], InternetChecksum.Fold(PseudoHeaderSum(frame, frame.Length - TcpStart)));

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
        var checksum = segment.Slice(ChecksumOffset, 2);
        checksum.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(checksum, InternetChecksum.Finish(InternetChecksum.Add(PseudoHeaderSum(frame, segment.Length), segment)));
    }
}
