using System.Buffers.Binary;

namespace Hnv.Wire.Ip;

/// <summary>
/// An ICMPv6 message (RFC 4443), with the neighbor discovery types of RFC 4861.
/// <code>
/// |     Type      |     Code      |          Checksum             |
/// |                    message body (MTU, pointer, id+seq, flags) |
/// </code>
/// The checksum covers the IPv6 pseudo-header (next header 58).
/// </summary>
public readonly ref struct IcmpV6
{
    public const int HeaderLength = 8;
    public const byte TypeDestinationUnreachable = 1;
    public const byte TypePacketTooBig = 2;
    public const byte TypeTimeExceeded = 3;
    public const byte TypeEchoRequest = 128;
    public const byte TypeEchoReply = 129;
    public const byte TypeRouterSolicitation = 133;
    public const byte TypeRouterAdvertisement = 134;
    public const byte TypeNeighborSolicitation = 135;
    public const byte TypeNeighborAdvertisement = 136;
    public const byte TypeRedirect = 137;

    private readonly Span<byte> _bytes;

    private IcmpV6(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False when shorter than the 8-byte header.</summary>
    public static bool TryRead(Span<byte> bytes, out IcmpV6 message)
    {
        message = default;
        if ((uint)bytes.Length < HeaderLength)
        {
            return false;
        }

        message = new IcmpV6(bytes);
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

    /// <summary>The MTU of a "packet too big" message.</summary>
    public uint Mtu => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);

    /// <summary>Writes type, code, zero checksum and the 32-bit word after it.</summary>
    public static void WriteHeader(Span<byte> destination, byte type, byte code, uint rest)
    {
        destination[0] = type;
        destination[1] = code;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], rest);
    }
}
