using System.Buffers.Binary;

namespace Hnv.Wire.Ip;

/// <summary>
/// The header ICMPv4 (RFC 792) and ICMPv6 (RFC 4443) share; <see cref="IcmpV4"/> and <see cref="IcmpV6"/> hold
/// each family's types and codes.
/// <code>
/// |     Type      |     Code      |          Checksum             |
/// |     rest of header: identifier + sequence, unused + next-hop MTU (RFC 1191), MTU, pointer, flags |
/// </code>
/// ICMPv4's checksum covers the message; ICMPv6's also covers the IPv6 pseudo-header (next header 58).
/// </summary>
public readonly ref struct IcmpHeader
{
    /// <summary>Length of the header.</summary>
    public const int Length = 8;

    private readonly Span<byte> _bytes;

    private IcmpHeader(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False when shorter than the 8-byte header.</summary>
    public static bool TryRead(Span<byte> bytes, out IcmpHeader message)
    {
        message = default;
        if ((uint)bytes.Length < Length)
        {
            return false;
        }

        message = new IcmpHeader(bytes);
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

    /// <summary>Next-hop MTU of an ICMPv4 "fragmentation needed" message (RFC 1191).</summary>
    public ushort NextHopMtu => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);

    /// <summary>The MTU of an ICMPv6 "packet too big" message.</summary>
    public uint Mtu => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);

    /// <summary>
    /// Writes type, code, a zero checksum and the 32-bit rest word; the caller appends the body (the quoted
    /// packet) and then computes the checksum over the whole message.
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
