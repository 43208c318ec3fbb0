using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;

namespace Hnv.Wire.Ip;

/// <summary>
/// An IPv4 header (RFC 791), options recognised by length, fragments recognised.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |Type of Service|          Total Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Identification        |Flags|      Fragment Offset    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Source Address                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Destination Address                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options                    |    Padding    |
/// </code>
/// </summary>
public readonly ref struct Ipv4Header
{
    /// <summary>Length of a header without options.</summary>
    public const int MinLength = 20;

    /// <summary>Where fields sit, for code that edits packets in place without a view (the offloads).</summary>
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsOffset = 6;
    public const int TimeToLiveOffset = 8;
    public const int ProtocolOffset = 9;
    public const int ChecksumOffset = 10;
    public const int SourceOffset = 12;

    private readonly Span<byte> _bytes;

    private Ipv4Header(Span<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Views <paramref name="bytes"/> as an IPv4 packet: false unless version is 4, IHL is at least 5, and the
    /// header and total length fit in the span. Trailing bytes past Total Length (Ethernet padding) are allowed.
    /// </summary>
    public static bool TryRead(Span<byte> bytes, out Ipv4Header header)
    {
        header = default;
        if ((uint)bytes.Length < MinLength || (bytes[0] >> 4) != 4)
        {
            return false;
        }

        var ihl = (bytes[0] & 0xF) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (ihl < MinLength || total < ihl || total > bytes.Length)
        {
            return false;
        }

        header = new Ipv4Header(bytes);
        return true;
    }

    /// <summary>The header bytes, options included.</summary>
    public Span<byte> HeaderBytes => _bytes[..HeaderLength];

    /// <summary>The packet bytes up to Total Length.</summary>
    public Span<byte> PacketBytes => _bytes[..TotalLength];

    /// <summary>What follows the header, up to Total Length.</summary>
    public Span<byte> Payload => _bytes[HeaderLength..TotalLength];

    /// <summary>IHL in bytes.</summary>
    public int HeaderLength => (_bytes[0] & 0xF) * 4;

    /// <summary>True when the header carries options.</summary>
    public bool HasOptions => HeaderLength > MinLength;

    public byte TypeOfService => _bytes[1];

    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    /// <summary>The DF bit.</summary>
    public bool DontFragment => (_bytes[6] & 0x40) != 0;

    /// <summary>The MF bit.</summary>
    public bool MoreFragments => (_bytes[6] & 0x20) != 0;

    /// <summary>The fragment offset in bytes.</summary>
    public int FragmentOffset => (BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]) & 0x1FFF) * 8;

    /// <summary>True for any fragment (first, middle or last).</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    public byte TimeToLive
    {
        get => _bytes[8];
        set => _bytes[8] = value;
    }

    public byte Protocol => _bytes[9];

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[10..], value);
    }

    public IpAddress Source
    {
        get => IpAddress.ReadV4(_bytes[12..]);
        set => value.Write(_bytes[12..]);
    }

    public IpAddress Destination
    {
        get => IpAddress.ReadV4(_bytes[16..]);
        set => value.Write(_bytes[16..]);
    }

    /// <summary>True when the header checksum is right.</summary>
    public bool IsChecksumValid => InternetChecksum.IsValid(HeaderBytes);

    /// <summary>Computes and stores the header checksum.</summary>
    public void UpdateChecksum()
    {
        Checksum = 0;
        Checksum = InternetChecksum.Compute(HeaderBytes);
    }

    /// <summary>Decrements TTL and patches the checksum incrementally (RFC 1624), as a router does.</summary>
    public void DecrementTimeToLive()
    {
        var oldWord = BinaryPrimitives.ReadUInt16BigEndian(_bytes[8..]);
        _bytes[8]--;
        var newWord = BinaryPrimitives.ReadUInt16BigEndian(_bytes[8..]);
        Checksum = InternetChecksum.Update(Checksum, oldWord, newWord);
    }

    /// <summary>Writes a 20-byte header (no options) with its checksum.</summary>
    public static void Write(Span<byte> destination, IpAddress source, IpAddress target, byte protocol, int totalLength,
        byte timeToLive = 64, bool dontFragment = true, ushort identification = 0, byte typeOfService = 0)
    {
        var header = destination[..MinLength];
        var versionWord = (ushort)(0x4500 | typeOfService);
        var flagsWord = dontFragment ? (ushort)0x4000 : (ushort)0;
        var ttlWord = (ushort)((timeToLive << 8) | protocol);
        var src = source.V4Value;
        var dst = target.V4Value;

        // The checksum from the values themselves, not read back from memory: this runs once per encapsulated packet.
        ulong sum = (ulong)versionWord + (uint)totalLength + identification + flagsWord + ttlWord
            + (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF);
        BinaryPrimitives.WriteUInt16BigEndian(header, versionWord);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], flagsWord);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], ttlWord);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Finish(sum));
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], dst);
    }
}
