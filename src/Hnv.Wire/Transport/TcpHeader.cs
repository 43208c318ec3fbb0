using System.Buffers.Binary;

namespace Hnv.Wire.Transport;

/// <summary>
/// A TCP header (RFC 9293), read far enough for ports, flags, checksum and the MSS option.
/// <code>
/// |          Source Port          |       Destination Port        |
/// |                        Sequence Number                        |
/// |                    Acknowledgment Number                      |
/// |  Data |       |C|E|U|A|P|R|S|F|                               |
/// | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
/// |           Checksum            |         Urgent Pointer        |
/// |                    Options                    |    Padding    |
/// </code>
/// </summary>
public readonly ref struct TcpHeader
{
    public const int MinLength = 20;
    public const byte FlagFin = 0x01;
    public const byte FlagSyn = 0x02;
    public const byte FlagRst = 0x04;
    public const byte FlagPsh = 0x08;
    public const byte FlagAck = 0x10;
    public const byte FlagCwr = 0x80;

    /// <summary>Where fields sit, for code that edits segments in place without a view (the offloads).</summary>
    public const int SequenceOffset = 4;
    public const int DataOffsetOffset = 12;
    public const int FlagsOffset = 13;
    public const int WindowOffset = 14;
    public const int ChecksumOffset = 16;

    private const byte OptionEnd = 0;
    private const byte OptionNoOp = 1;
    private const byte OptionMss = 2;

    private readonly Span<byte> _bytes;

    private TcpHeader(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False when shorter than 20 bytes or when Data Offset is below 5 or past the span.</summary>
    public static bool TryRead(Span<byte> bytes, out TcpHeader header)
    {
        header = default;
        if ((uint)bytes.Length < MinLength)
        {
            return false;
        }

        var dataOffset = (bytes[12] >> 4) * 4;
        if (dataOffset < MinLength || dataOffset > bytes.Length)
        {
            return false;
        }

        header = new TcpHeader(bytes);
        return true;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);

    public uint AcknowledgmentNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[8..]);

    /// <summary>Header length in bytes, options included.</summary>
    public int HeaderLength => (_bytes[12] >> 4) * 4;

    public byte Flags => _bytes[13];

    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_bytes[14..]);

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[16..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[16..], value);
    }

    /// <summary>
    /// Finds the MSS option (kind 2, length 4). False when absent or when the option list is malformed;
    /// <paramref name="offset"/> is where the 16-bit value sits, so a caller can clamp it in place.
    /// </summary>
    public bool TryGetMss(out ushort mss, out int offset)
    {
        mss = 0;
        offset = 0;
        var end = HeaderLength;
        var at = MinLength;
        while (at < end)
        {
            var kind = _bytes[at];
            if (kind == OptionEnd)
            {
                return false;
            }

            if (kind == OptionNoOp)
            {
                at++;
                continue;
            }

            if (at + 1 >= end)
            {
                return false;
            }

            var length = _bytes[at + 1];
            if (length < 2 || at + length > end)
            {
                return false;
            }

            if (kind == OptionMss && length == 4)
            {
                offset = at + 2;
                mss = BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
                return true;
            }

            at += length;
        }

        return false;
    }

    /// <summary>Writes a 20-byte header (no options) with checksum 0.</summary>
    public static void Write(Span<byte> destination, ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, ushort window)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], acknowledgment);
        destination[12] = 5 << 4;
        destination[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], window);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], 0);
    }
}
