using System.Buffers.Binary;

namespace Hnv.Wire.Capture;

/// <summary>
/// Reads classic libpcap files: either byte order, microsecond or nanosecond timestamps. A malformed file
/// gives a <see cref="PcapError"/>, never an exception (beyond the stream's own I/O errors).
/// </summary>
public sealed class PcapReader
{
    internal const uint MagicMicroseconds = 0xA1B2C3D4;
    private const uint MagicNanoseconds = 0xA1B23C4D;
    private const int MaxRecordLength = 1 << 20;

    private readonly Stream _stream;
    private readonly byte[] _header = new byte[24];
    private bool _bigEndian;
    private bool _nanoseconds;

    private PcapReader(Stream stream) => _stream = stream;

    /// <summary>The link type from the file header (1 = Ethernet).</summary>
    public uint LinkType { get; private set; }

    /// <summary>The snapshot length from the file header.</summary>
    public uint SnapLength { get; private set; }

    /// <summary>Reads the file header; on success the reader is positioned at the first record.</summary>
    public static PcapError TryOpen(Stream stream, out PcapReader reader)
    {
        reader = new PcapReader(stream);
        if (stream.ReadAtLeast(reader._header, 24, throwOnEndOfStream: false) < 24)
        {
            return PcapError.HeaderTruncated;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(reader._header);
        switch (magic)
        {
            case MagicMicroseconds:
                break;
            case MagicNanoseconds:
                reader._nanoseconds = true;
                break;
            default:
                var swapped = BinaryPrimitives.ReverseEndianness(magic);
                if (swapped is not (MagicMicroseconds or MagicNanoseconds))
                {
                    return PcapError.UnknownMagic;
                }

                reader._bigEndian = true;
                reader._nanoseconds = swapped == MagicNanoseconds;
                break;
        }

        reader.SnapLength = reader.ReadUInt32(16);
        reader.LinkType = reader.ReadUInt32(20) & 0x0FFF_FFFF; // upper bits carry FCS information
        return PcapError.None;
    }

    /// <summary>Reads the next record; <see cref="PcapError.EndOfFile"/> after the last one.</summary>
    public PcapError TryReadNext(out PcapRecord record)
    {
        record = default;
        var got = _stream.ReadAtLeast(_header.AsSpan(0, 16), 16, throwOnEndOfStream: false);
        if (got == 0)
        {
            return PcapError.EndOfFile;
        }

        if (got < 16)
        {
            return PcapError.RecordTruncated;
        }

        var seconds = ReadUInt32(0);
        var fraction = ReadUInt32(4);
        var captured = ReadUInt32(8);
        var original = ReadUInt32(12);
        if (captured > MaxRecordLength || original > int.MaxValue)
        {
            return PcapError.RecordTooLong;
        }

        var data = new byte[captured];
        if (_stream.ReadAtLeast(data, (int)captured, throwOnEndOfStream: false) < captured)
        {
            return PcapError.RecordTruncated;
        }

        var ticks = (seconds * TimeSpan.TicksPerSecond) + (_nanoseconds ? fraction / 100 : fraction * 10L);
        record = new PcapRecord(DateTimeOffset.UnixEpoch.AddTicks(ticks), data, (int)original);
        return PcapError.None;
    }

    private uint ReadUInt32(int offset) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(offset));
}
