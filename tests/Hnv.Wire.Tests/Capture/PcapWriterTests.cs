using Hnv.Wire.Capture;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Capture;

[Trait("tier", "pure")]
public sealed class PcapWriterTests
{
    [Fact]
    public void Constructor_WritesClassicLittleEndianHeader()
    {
        // libpcap file format (draft-ietf-opsawg-pcap section 4): magic a1b2c3d4, version 2.4, snaplen, link type.
        using var stream = new MemoryStream();
        using (new PcapWriter(stream, PcapWriter.LinkTypeRaw, leaveOpen: true))
        {
        }

        Assert.Equal(Hex.Bytes("d4c3b2a1 0200 0400 00000000 00000000 00000400 65000000"), stream.ToArray());
    }

    [Fact]
    public void Write_Record_HeaderTimestampAndLengths()
    {
        // Section 5: seconds, microseconds (123456.7 truncated), captured length, original length, then the data.
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.Write([1, 2, 3], DateTimeOffset.FromUnixTimeSeconds(0x5F5E1000).AddTicks(1234567));
        }

        Assert.Equal(Hex.Bytes("00105e5f 40e20100 03000000 03000000 010203"), stream.ToArray()[24..]);
    }

    [Fact]
    public void Write_PacketLongerThanSnapLength_TruncatedWithOriginalLengthKept()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.Write(new byte[PcapWriter.SnapLength + 10], DateTimeOffset.UnixEpoch);
            writer.Flush();
        }

        stream.Position = 0;
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
        Assert.Equal(PcapWriter.SnapLength, record.Data.Count);
        Assert.Equal(PcapWriter.SnapLength + 10, record.OriginalLength);
    }

    [Fact]
    public void Dispose_WithoutLeaveOpen_ClosesStream()
    {
        var stream = new MemoryStream();
        new PcapWriter(stream).Dispose();
        Assert.False(stream.CanWrite);
    }
}
