using System.Buffers.Binary;

namespace Hnv.Wire.Capture;

/// <summary>
/// Writes classic libpcap files (microsecond timestamps, native little-endian, LINKTYPE_ETHERNET by
/// default), the format every version of Wireshark and tcpdump reads.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const uint LinkTypeEthernet = 1;

    /// <summary>LINKTYPE_RAW: packets start at an IPv4 or IPv6 header.</summary>
    public const uint LinkTypeRaw = 101;

    /// <summary>Snapshot length written in the header; longer packets are truncated to it.</summary>
    public const int SnapLength = 262144;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _recordHeader = new byte[16];

    /// <summary>Writes the file header to <paramref name="stream"/>.</summary>
    public PcapWriter(Stream stream, uint linkType = LinkTypeEthernet, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, PcapReader.MagicMicroseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        _stream.Write(header);
    }

    /// <summary>Appends one packet with its capture time.</summary>
    public void Write(ReadOnlySpan<byte> packet, DateTimeOffset timestamp)
    {
        var captured = Math.Min(packet.Length, SnapLength);
        var micros = (timestamp - DateTimeOffset.UnixEpoch).Ticks / 10;
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(4), (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(8), (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(12), (uint)packet.Length);
        _stream.Write(_recordHeader);
        _stream.Write(packet[..captured]);
    }

    /// <summary>Flushes buffered records to the stream.</summary>
    public void Flush() => _stream.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
