using System.Buffers.Binary;

namespace Hnv.Wire.Transport;

/// <summary>
/// A UDP header (RFC 768).
/// <code>
/// |          Source Port          |       Destination Port        |
/// |            Length             |           Checksum            |
/// </code>
/// </summary>
public readonly ref struct UdpHeader
{
    public const int Length = 8;

    /// <summary>Where fields sit, for code that edits datagrams in place without a view (the offloads).</summary>
    public const int LengthOffset = 4;
    public const int ChecksumOffset = 6;

    private readonly Span<byte> _bytes;

    private UdpHeader(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False when shorter than 8 bytes or when the Length field is below 8 or past the span.</summary>
    public static bool TryRead(Span<byte> bytes, out UdpHeader header)
    {
        header = default;
        if ((uint)bytes.Length < Length)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (length < Length || length > bytes.Length)
        {
            return false;
        }

        header = new UdpHeader(bytes);
        return true;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    public ushort DatagramLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[6..], value);
    }

    /// <summary>Header and data, up to the Length field.</summary>
    public Span<byte> Datagram => _bytes[..DatagramLength];

    /// <summary>Writes a header with checksum 0 (to be filled by the caller).</summary>
    public static void Write(Span<byte> destination, ushort sourcePort, ushort destinationPort, int datagramLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)datagramLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 0);
    }
}
