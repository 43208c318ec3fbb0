using System.Buffers.Binary;
using Hnv.Wire.Ethernet;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// The NVGRE header (RFC 7637 section 3.2): GRE (RFC 2784/2890) with only the key present.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0| |1|0|   Reserved0     | Ver |   Protocol Type 0x6558        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |               Virtual Subnet ID (VSID)        |    FlowID     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The flags word of a valid header is exactly 0x2000 (C=0, K=1, S=0, reserved and version 0).
/// </summary>
public readonly ref struct NvgreHeader
{
    /// <summary>Length of the header.</summary>
    public const int Length = 8;

    /// <summary>The only acceptable flags/version word.</summary>
    public const ushort FlagsWord = 0x2000;

    private const ushort ChecksumBit = 0x8000;
    private const ushort KeyBit = 0x2000;
    private const ushort SequenceBit = 0x1000;

    private readonly Span<byte> _bytes;

    private NvgreHeader(Span<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Views <paramref name="bytes"/> as NVGRE and says what, if anything, makes it unacceptable; the view is
    /// usable (for decoding and counting) whenever the result is not <see cref="NvgreError.Truncated"/>.
    /// </summary>
    public static NvgreError TryRead(Span<byte> bytes, out NvgreHeader header)
    {
        header = default;
        if ((uint)bytes.Length < Length)
        {
            return NvgreError.Truncated;
        }

        header = new NvgreHeader(bytes);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        if ((flags & ChecksumBit) != 0)
        {
            return NvgreError.ChecksumPresent;
        }

        if ((flags & KeyBit) == 0)
        {
            return NvgreError.KeyMissing;
        }

        if ((flags & SequenceBit) != 0)
        {
            return NvgreError.SequencePresent;
        }

        if (flags != FlagsWord)
        {
            return NvgreError.ReservedBitsSet;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]) != EtherTypes.TransparentEthernetBridging)
        {
            return NvgreError.WrongProtocol;
        }

        return header.Vsid.IsValid ? NvgreError.None : NvgreError.ReservedVsid;
    }

    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_bytes);

    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    /// <summary>The 32-bit key: VSID &lt;&lt; 8 | FlowID.</summary>
    public uint Key => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);

    public Vsid Vsid => new(Key >> 8);

    public byte FlowId => _bytes[7];

    /// <summary>The encapsulated Ethernet frame.</summary>
    public Span<byte> Payload => _bytes[Length..];

    /// <summary>Writes a valid NVGRE header.</summary>
    public static void Write(Span<byte> destination, Vsid vsid, byte flowId)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, FlagsWord);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], EtherTypes.TransparentEthernetBridging);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (vsid.Value << 8) | flowId);
    }
}
