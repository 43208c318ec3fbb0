using System.Buffers.Binary;

namespace Hnv.Wire.Ip;

/// <summary>
/// An ICMPv4 message (RFC 792; next-hop MTU of "fragmentation needed" from RFC 1191).
/// <code>
/// |     Type      |     Code      |          Checksum             |
/// |            rest of header (identifier+sequence, or unused+next-hop MTU)      |
/// </code>
/// </summary>
public readonly ref struct IcmpV4
{
    public const int HeaderLength = 8;
    public const byte TypeEchoReply = 0;
    public const byte TypeDestinationUnreachable = 3;
    public const byte TypeEchoRequest = 8;
    public const byte TypeTimeExceeded = 11;
    public const byte CodeFragmentationNeeded = 4;
    public const byte CodeTtlExceeded = 0;

    private readonly Span<byte> _bytes;

    private IcmpV4(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False when shorter than the 8-byte header.</summary>
    public static bool TryRead(Span<byte> bytes, out IcmpV4 message)
    {
        message = default;
        if ((uint)bytes.Length < HeaderLength)
        {
            return false;
        }

        message = new IcmpV4(bytes);
        return true;
    }

    public byte Type
    {
        get => _bytes[0];
        set => _bytes[0] = value;
    }

    public byte Code => _bytes[1];

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[2..], value);
    }

    /// <summary>Echo identifier.</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    /// <summary>Echo sequence number.</summary>
    public ushort Sequence => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);

    /// <summary>Next-hop MTU of a "fragmentation needed" message.</summary>
    public ushort NextHopMtu => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);

    /// <summary>
    /// Writes an error header (type, code, checksum 0, the 32-bit rest word); the caller appends the
    /// quoted packet and then computes the checksum over the whole message.
    /// </summary>
    public static void WriteHeader(Span<byte> destination, byte type, byte code, uint rest)
    {
        destination[0] = type;
        destination[1] = code;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], rest);
    }
}
