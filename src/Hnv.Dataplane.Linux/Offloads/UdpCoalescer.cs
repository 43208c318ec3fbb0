using System.Buffers.Binary;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;
using Hnv.Wire.Transport;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Software GRO for UDP going into a TAP: consecutive datagrams of one flow with payloads of the same size (the
/// last may be shorter) are joined into one super-frame the VM's kernel takes in a single write (gso_type
/// UDP_L4, NEEDS_CSUM with the pseudo-header sum in the checksum field) and splits back into datagrams at its UDP
/// layer, each with its own length and checksum. One write, one pass through the VM's IP input and one wakeup of
/// the receiving socket for up to <see cref="MaxSegments"/> datagrams, instead of one of each per datagram.
/// The rules follow Linux's udp_gro_receive_segment and wireguard-go's tun/offload_linux.go: same addresses,
/// ports, IP TOS/TTL and DF (IPv6: traffic class, flow label, hop limit), no IPv4 options, an unfragmented
/// datagram with a payload. Every datagram's checksum is verified before it joins (a zero IPv4 checksum,
/// "none", passes): the VM's kernel will not check a joined frame again.
/// </summary>
public sealed class UdpCoalescer
{
    /// <summary>The most datagrams one frame carries (UDP GSO's historical limit).</summary>
    public const int MaxSegments = 64;

    private const int EthernetLength = IpFrame.EthernetLength;
    private const int IpStart = IpFrame.IpStart;

    private readonly byte[] _buffer = new byte[VirtioNetHeader.Length + TcpCoalescer.MaxFrameLength];
    private int _length;
    private int _segments;
    private int _payloadSize;
    private int _udpStart;
    private bool _closed;

    /// <summary>True when a frame is held; write <see cref="Complete"/>'s bytes, then start or append again.</summary>
    public bool HasPending => _length > 0;

    /// <summary>Datagrams held in the pending frame.</summary>
    public int Segments => _segments;

    /// <summary>
    /// Holds <paramref name="frame"/> as the start of a new super-frame when it could begin one (a whole UDP
    /// datagram with a payload and a valid checksum); false otherwise. Nothing may be pending.
    /// </summary>
    public bool TryStart(ReadOnlySpan<byte> frame)
    {
        if (_length != 0)
        {
            throw new InvalidOperationException("Complete the pending frame first.");
        }

        if (!TryRead(frame, out var udpStart) || frame.Length - udpStart - 8 <= 0 || !HasValidChecksum(frame, udpStart))
        {
            return false;
        }

        frame.CopyTo(_buffer.AsSpan(VirtioNetHeader.Length));
        _length = frame.Length;
        _segments = 1;
        _udpStart = udpStart;
        _payloadSize = frame.Length - udpStart - 8;
        _closed = false;
        return true;
    }

    /// <summary>Appends <paramref name="frame"/> when it is the pending flow's next datagram; false otherwise.</summary>
    public bool TryAppend(ReadOnlySpan<byte> frame)
    {
        if (_length == 0 || _closed || _segments == MaxSegments || !TryRead(frame, out var udpStart) || udpStart != _udpStart)
        {
            return false;
        }

        var payload = frame.Length - udpStart - 8;
        var pending = _buffer.AsSpan(VirtioNetHeader.Length, _length);
        if (payload <= 0 || payload > _payloadSize || _length + payload > TcpCoalescer.MaxFrameLength
            || !SameFlow(pending, frame, udpStart) || !HasValidChecksum(frame, udpStart))
        {
            return false;
        }

        frame[(udpStart + 8)..].CopyTo(_buffer.AsSpan(VirtioNetHeader.Length + _length));
        _length += payload;
        _segments++;
        _closed = payload < _payloadSize;
        return true;
    }

    /// <summary>
    /// Finishes the pending frame and returns it with its virtio header in front, ready for one TAP write; the
    /// coalescer is then empty. One datagram goes as it came (checksum verified: DATA_VALID).
    /// </summary>
    public ReadOnlySpan<byte> Complete()
    {
        var frame = _buffer.AsSpan(VirtioNetHeader.Length, _length);
        VirtioNetHeader header;
        if (_segments == 1)
        {
            header = new VirtioNetHeader(VirtioNetHeader.DataValid, VirtioNetHeader.GsoNone, 0, 0, 0, 0);
        }
        else
        {
            var udpLength = _length - _udpStart;
            IpFrame.SetLength(frame, _udpStart, _length);
            BinaryPrimitives.WriteUInt16BigEndian(frame[(_udpStart + UdpHeader.LengthOffset)..], (ushort)udpLength);
            BinaryPrimitives.WriteUInt16BigEndian(frame[(_udpStart + UdpHeader.ChecksumOffset)..],
                InternetChecksum.Fold(IpFrame.PseudoHeaderSum(frame, IpProtocol.Udp, udpLength)));
            header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, VirtioNetHeader.GsoUdpL4, (ushort)(_udpStart + UdpHeader.Length), (ushort)_payloadSize,
                (ushort)_udpStart, UdpHeader.ChecksumOffset);
        }

        header.Write(_buffer);
        var whole = _buffer.AsSpan(0, VirtioNetHeader.Length + _length);
        _length = 0;
        _segments = 0;
        return whole;
    }

    /// <summary>
    /// Finds the UDP header of an untagged Ethernet frame carrying an unfragmented IPv4 datagram without options,
    /// or IPv6 with UDP right after the fixed header, whose IP and UDP lengths both match the frame exactly.
    /// </summary>
    private static bool TryRead(ReadOnlySpan<byte> frame, out int udpStart)
    {
        udpStart = 0;
        if (frame.Length < EthernetLength + Ipv4Header.MinLength + UdpHeader.Length)
        {
            return false;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[EthernetFrame.EtherTypeOffset..]);
        var ip = frame[IpStart..];
        if (etherType == EtherTypes.Ipv4)
        {
            var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[Ipv4Header.FlagsOffset..]) & 0x3FFF;
            if (ip[0] != 0x45 || ip[Ipv4Header.ProtocolOffset] != IpProtocol.Udp || fragment != 0)
            {
                return false;
            }

            udpStart = IpStart + Ipv4Header.MinLength;
        }
        else if (etherType == EtherTypes.Ipv6)
        {
            if (frame.Length < EthernetLength + Ipv6Header.Length + UdpHeader.Length || ip[0] >> 4 != 6 || ip[Ipv6Header.NextHeaderOffset] != IpProtocol.Udp)
            {
                return false;
            }

            udpStart = IpStart + Ipv6Header.Length;
        }
        else
        {
            return false;
        }

        return IpFrame.LengthMatches(frame) && BinaryPrimitives.ReadUInt16BigEndian(frame[(udpStart + UdpHeader.LengthOffset)..]) == frame.Length - udpStart;
    }

    /// <summary>Same Ethernet header, IP fields other than length, ID and checksum, and ports.</summary>
    private static bool SameFlow(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> frame, int udpStart)
    {
        if (!pending[..12].SequenceEqual(frame[..12]) || !pending.Slice(udpStart, 4).SequenceEqual(frame.Slice(udpStart, 4)))
        {
            return false;
        }

        if (IpFrame.IsV6(frame))
        {
            return pending.Slice(IpStart, 4).SequenceEqual(frame.Slice(IpStart, 4)) && pending.Slice(IpStart + 6, 34).SequenceEqual(frame.Slice(IpStart + 6, 34));
        }

        // Version/IHL and TOS; flags (DF); TTL and protocol; both addresses.
        return pending.Slice(IpStart, 2).SequenceEqual(frame.Slice(IpStart, 2)) && pending[IpStart + 6] == frame[IpStart + 6]
            && pending.Slice(IpStart + 8, 2).SequenceEqual(frame.Slice(IpStart + 8, 2)) && pending.Slice(IpStart + 12, 8).SequenceEqual(frame.Slice(IpStart + 12, 8));
    }

    private static bool HasValidChecksum(ReadOnlySpan<byte> frame, int udpStart)
    {
        var datagram = frame[udpStart..];
        if (!IpFrame.IsV6(frame) && BinaryPrimitives.ReadUInt16BigEndian(datagram[UdpHeader.ChecksumOffset..]) == 0)
        {
            return true; // IPv4 UDP without a checksum
        }

        return InternetChecksum.Fold(InternetChecksum.Add(IpFrame.PseudoHeaderSum(frame, IpProtocol.Udp, datagram.Length), datagram)) == 0xFFFF;
    }
}
