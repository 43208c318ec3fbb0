using System.Buffers.Binary;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Ip;

/// <summary>
/// An IPv6 fixed header (RFC 8200 section 3) with a walker over its extension headers.
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Traffic Class |           Flow Label                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Source Address (128)                     |
/// |                   Destination Address (128)                   |
/// </code>
/// </summary>
public readonly ref struct Ipv6Header
{
    /// <summary>Length of the fixed header.</summary>
    public const int Length = 40;

    /// <summary>Where fields sit, for code that edits packets in place without a view (the offloads).</summary>
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int SourceOffset = 8;

    /// <summary>Extension headers walked before giving up (a packet with more is refused, not looped over).</summary>
    public const int MaxExtensionHeaders = 8;

    private readonly Span<byte> _bytes;

    private Ipv6Header(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False unless version is 6 and the header plus Payload Length fit in the span.</summary>
    public static bool TryRead(Span<byte> bytes, out Ipv6Header header)
    {
        header = default;
        if ((uint)bytes.Length < Length || (bytes[0] >> 4) != 6
            || Length + BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]) > bytes.Length)
        {
            return false;
        }

        header = new Ipv6Header(bytes);
        return true;
    }

    /// <summary>The packet bytes up to Payload Length.</summary>
    public Span<byte> PacketBytes => _bytes[..(Length + PayloadLength)];

    /// <summary>What follows the fixed header, up to Payload Length.</summary>
    public Span<byte> Payload => _bytes[Length..(Length + PayloadLength)];

    public byte TrafficClass => (byte)((BinaryPrimitives.ReadUInt16BigEndian(_bytes) >> 4) & 0xFF);

    public uint FlowLabel => BinaryPrimitives.ReadUInt32BigEndian(_bytes) & 0xFFFFF;

    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    public byte NextHeader => _bytes[6];

    public byte HopLimit
    {
        get => _bytes[7];
        set => _bytes[7] = value;
    }

    public IpAddress Source
    {
        get => IpAddress.ReadV6(_bytes[8..]);
        set => value.Write(_bytes[8..]);
    }

    public IpAddress Destination
    {
        get => IpAddress.ReadV6(_bytes[24..]);
        set => value.Write(_bytes[24..]);
    }

    /// <summary>
    /// Walks hop-by-hop, routing, fragment, destination-options and AH headers to the upper layer.
    /// Returns false for a truncated or over-long chain. <paramref name="offset"/> is from the start of the
    /// IPv6 header; <paramref name="isFragment"/> is set when a fragment header says this is not a whole packet
    /// (a non-first fragment has no upper-layer header to read: its protocol is reported but not its offset's contents).
    /// </summary>
    public bool TryFindUpperLayer(out byte protocol, out int offset, out bool isFragment) =>
        TryFindUpperLayer(out protocol, out offset, out isFragment, out _);

    /// <summary>
    /// As <see cref="TryFindUpperLayer(out byte, out int, out bool)"/>; <paramref name="hasUpperLayerHeader"/> is
    /// false for a non-first fragment, whose bytes at <paramref name="offset"/> are data, not a header.
    /// </summary>
    public bool TryFindUpperLayer(out byte protocol, out int offset, out bool isFragment, out bool hasUpperLayerHeader)
    {
        protocol = NextHeader;
        offset = Length;
        isFragment = false;
        hasUpperLayerHeader = true;
        var end = Length + PayloadLength;
        for (var i = 0; i <= MaxExtensionHeaders; i++)
        {
            switch (protocol)
            {
                case IpProtocol.HopByHop:
                case IpProtocol.Ipv6Routing:
                case IpProtocol.Ipv6DestinationOptions:
                    if (offset + 8 > end)
                    {
                        return false;
                    }

                    protocol = _bytes[offset];
                    offset += (_bytes[offset + 1] + 1) * 8;
                    break;
                case IpProtocol.Ah:
                    if (offset + 8 > end)
                    {
                        return false;
                    }

                    protocol = _bytes[offset];
                    offset += (_bytes[offset + 1] + 2) * 4;
                    break;
                case IpProtocol.Ipv6Fragment:
                    if (offset + 8 > end)
                    {
                        return false;
                    }

                    var fragmentWord = BinaryPrimitives.ReadUInt16BigEndian(_bytes[(offset + 2)..]);
                    isFragment |= (fragmentWord & 0xFFF9) != 0; // offset != 0 or M set
                    hasUpperLayerHeader &= (fragmentWord & 0xFFF8) == 0; // only the first fragment has it
                    protocol = _bytes[offset];
                    offset += 8;
                    break;
                default:
                    return offset <= end;
            }

            if (offset > end)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Writes a fixed header with the given payload length.</summary>
    public static void Write(Span<byte> destination, IpAddress source, IpAddress target, byte nextHeader, int payloadLength,
        byte hopLimit = 64, uint flowLabel = 0, byte trafficClass = 0)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (6u << 28) | ((uint)trafficClass << 20) | (flowLabel & 0xFFFFF));
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)payloadLength);
        destination[6] = nextHeader;
        destination[7] = hopLimit;
        source.Write(destination[8..]);
        target.Write(destination[24..]);
    }
}
