using System.Buffers.Binary;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Ethernet;

/// <summary>
/// An Ethernet II header, with one 802.1Q (or 802.1ad) tag recognised.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    destination MAC (6 bytes)                  |
/// +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                               |                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+      source MAC (6 bytes)     +
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | EtherType or TPID 0x8100      | [TCI (PCP, DEI, VID)]         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | [inner EtherType]             |  payload ...
/// </code>
/// </summary>
public readonly ref struct EthernetFrame
{
    /// <summary>Length of an untagged Ethernet header.</summary>
    public const int HeaderLength = 14;

    /// <summary>Where the EtherType sits in an untagged frame.</summary>
    public const int EtherTypeOffset = 12;

    /// <summary>Length of one 802.1Q tag.</summary>
    public const int VlanTagLength = 4;

    private readonly Span<byte> _bytes;

    private EthernetFrame(Span<byte> bytes, int headerLength)
    {
        _bytes = bytes;
        HeaderLengthWithTags = headerLength;
    }

    /// <summary>Views <paramref name="bytes"/> as an Ethernet frame; false when too short for its header.</summary>
    public static bool TryRead(Span<byte> bytes, out EthernetFrame frame)
    {
        frame = default;
        if ((uint)bytes.Length < HeaderLength)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
        var headerLength = HeaderLength;
        if (type is EtherTypes.Vlan or EtherTypes.QinQ)
        {
            if ((uint)bytes.Length < HeaderLength + VlanTagLength)
            {
                return false;
            }

            headerLength += VlanTagLength;
        }

        frame = new EthernetFrame(bytes, headerLength);
        return true;
    }

    /// <summary>14, or 18 with a VLAN tag.</summary>
    public int HeaderLengthWithTags { get; }

    /// <summary>The whole frame.</summary>
    public Span<byte> Bytes => _bytes;

    /// <summary>Destination MAC.</summary>
    public MacAddress Destination
    {
        get => MacAddress.Read(_bytes);
        set => value.Write(_bytes);
    }

    /// <summary>Source MAC.</summary>
    public MacAddress Source
    {
        get => MacAddress.Read(_bytes[6..]);
        set => value.Write(_bytes[6..]);
    }

    /// <summary>True when an 802.1Q/802.1ad tag follows the source MAC.</summary>
    public bool HasVlanTag => HeaderLengthWithTags != HeaderLength;

    /// <summary>The VLAN id of the tag (0 when untagged).</summary>
    public ushort VlanId => HasVlanTag ? (ushort)(BinaryPrimitives.ReadUInt16BigEndian(_bytes[14..]) & 0x0FFF) : (ushort)0;

    /// <summary>The EtherType of the payload (after a tag, when there is one).</summary>
    public ushort EtherType
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(HeaderLengthWithTags - 2)..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[(HeaderLengthWithTags - 2)..], value);
    }

    /// <summary>What follows the header.</summary>
    public Span<byte> Payload => _bytes[HeaderLengthWithTags..];

    /// <summary>Writes an untagged header at the start of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, MacAddress dst, MacAddress src, ushort etherType)
    {
        dst.Write(destination);
        src.Write(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], etherType);
    }
}
