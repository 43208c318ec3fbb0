using System.Buffers.Binary;

namespace Hnv.Wire.Offloads;

/// <summary>
/// struct virtio_net_hdr (linux/virtio_net.h), the 10 bytes in front of every frame on a TAP opened with
/// offloads on (IFF_VNET_HDR). Fields are in the host's byte order (little-endian here; TUNSETVNETLE is
/// not needed on x86_64/arm64).
/// <code>
///  0        1        2                 4                 6                 8                 10
/// +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
/// | flags  |gso_type|     hdr_len     |    gso_size     |   csum_start    |   csum_offset   |
/// +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
/// </code>
/// </summary>
public readonly record struct VirtioNetHeader(byte Flags, byte GsoType, ushort HeaderLength, ushort GsoSize, ushort ChecksumStart, ushort ChecksumOffset)
{
    /// <summary>Bytes on the wire (TUNSETVNETHDRSZ).</summary>
    public const int Length = 10;

    /// <summary>VIRTIO_NET_HDR_F_NEEDS_CSUM: the checksum at ChecksumStart + ChecksumOffset holds only the pseudo-header sum.</summary>
    public const byte NeedsChecksum = 1;

    /// <summary>VIRTIO_NET_HDR_F_DATA_VALID: the sender checked the checksums; the receiver need not.</summary>
    public const byte DataValid = 2;

    /// <summary>VIRTIO_NET_HDR_GSO_NONE.</summary>
    public const byte GsoNone = 0;

    /// <summary>VIRTIO_NET_HDR_GSO_TCPV4.</summary>
    public const byte GsoTcpV4 = 1;

    /// <summary>VIRTIO_NET_HDR_GSO_TCPV6.</summary>
    public const byte GsoTcpV6 = 4;

    /// <summary>VIRTIO_NET_HDR_GSO_UDP_L4: datagrams of GsoSize payload bytes each, split by the receiver (Linux 4.18+).</summary>
    public const byte GsoUdpL4 = 5;

    /// <summary>VIRTIO_NET_HDR_GSO_ECN, or-ed into the type.</summary>
    public const byte GsoEcn = 0x80;

    /// <summary>Reads the header at the start of <paramref name="source"/>; false when it is shorter than <see cref="Length"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out VirtioNetHeader header)
    {
        if (source.Length < Length)
        {
            header = default;
            return false;
        }

        header = new VirtioNetHeader(source[0], source[1], BinaryPrimitives.ReadUInt16LittleEndian(source[2..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[4..]), BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[8..]));
        return true;
    }

    /// <summary>Writes the header into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        _ = destination[Length - 1];
        destination[0] = Flags;
        destination[1] = GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], ChecksumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], ChecksumOffset);
    }
}
