using Hnv.Wire.Capture;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Capture;

[Trait("tier", "pure")]
public sealed class PcapReaderTests
{
    private static MemoryStream Stream(string hex) => new(Hex.Bytes(hex), writable: false);

    [Fact]
    public void WriteThenRead_Records_RoundTripToTheMicrosecond()
    {
        var random = new Random(1996);
        var written = new List<(DateTimeOffset Time, byte[] Data)>();
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < 200; i++)
            {
                var data = new byte[random.Next(0, 1600)];
                random.NextBytes(data);
                var time = DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(0, uint.MaxValue * TimeSpan.TicksPerSecond) / 10 * 10);
                writer.Write(data, time);
                written.Add((time, data));
            }
        }

        stream.Position = 0;
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapWriter.LinkTypeEthernet, reader.LinkType);
        Assert.Equal((uint)PcapWriter.SnapLength, reader.SnapLength);
        foreach (var (time, data) in written)
        {
            Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
            Assert.Equal(time, record.Timestamp);
            Assert.Equal(data.Length, record.OriginalLength);
            Assert.Equal(data, record.Data.ToArray());
        }

        Assert.Equal(PcapError.EndOfFile, reader.TryReadNext(out _));
    }

    [Fact]
    public void TryOpen_BigEndianMicrosecondFile_Read()
    {
        // Magic a1b2c3d4 written big-endian (as by a SPARC or a big-endian writer); link type 1; one record at
        // 1000000000.000123 with 4 of 60 bytes captured.
        using var stream = Stream("a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001"
            + "3b9aca00 0000007b 00000004 0000003c deadbeef");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(1u, reader.LinkType);
        Assert.Equal(0xFFFFu, reader.SnapLength);
        Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000).AddTicks(1230), record.Timestamp);
        Assert.Equal(60, record.OriginalLength);
        Assert.Equal(Hex.Bytes("deadbeef"), record.Data.ToArray());
        Assert.Equal(PcapError.EndOfFile, reader.TryReadNext(out _));
    }

    [Fact]
    public void TryOpen_LittleEndianNanosecondFile_Read()
    {
        // Magic a1b23c4d: the fraction is nanoseconds (123456789 ns = 1234567 ticks, the last 89 ns below a tick).
        using var stream = Stream("4d3cb2a1 0200 0400 00000000 00000000 00000400 01000000"
            + "00ca9a3b 15cd5b07 02000000 02000000 abcd");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000).AddTicks(1234567), record.Timestamp);
        Assert.Equal(Hex.Bytes("abcd"), record.Data.ToArray());
    }

    [Fact]
    public void TryOpen_BigEndianNanosecondFile_Read()
    {
        using var stream = Stream("a1b23c4d 0002 0004 00000000 00000000 00040000 00000065"
            + "00000001 000003e8 00000001 00000001 45");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapWriter.LinkTypeRaw, reader.LinkType);
        Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1).AddTicks(10), record.Timestamp);
    }

    [Fact]
    public void TryOpen_LinkTypeFcsBits_Masked()
    {
        // The upper 4 bits of the link-type field carry FCS length information (pcap format section 4).
        using var stream = Stream("d4c3b2a1 0200 0400 00000000 00000000 00000400 01000060");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(1u, reader.LinkType);
    }

    [Fact]
    public void TryOpen_EveryLengthBelow24_HeaderTruncated()
    {
        var header = Hex.Bytes("d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000");
        for (var length = 0; length < 24; length++)
        {
            using var stream = new MemoryStream(header, 0, length, writable: false);
            Assert.Equal(PcapError.HeaderTruncated, PcapReader.TryOpen(stream, out _));
        }
    }

    [Theory]
    // pcapng section header block, gzip, and an all-zero start: none is a classic pcap magic.
    [InlineData("0a0d0d0a")]
    [InlineData("1f8b0800")]
    [InlineData("00000000")]
    [InlineData("a1b2c3d5")]
    public void TryOpen_UnknownMagic_UnknownMagic(string magic)
    {
        using var stream = Stream(magic + "0200 0400 00000000 00000000 00000400 01000000");
        Assert.Equal(PcapError.UnknownMagic, PcapReader.TryOpen(stream, out _));
    }

    [Fact]
    public void TryReadNext_RecordCutAnywhere_RecordTruncated()
    {
        var file = Hex.Bytes("d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000 01000000 02000000 04000000 04000000 01020304");
        for (var length = 25; length < file.Length; length++)
        {
            using var stream = new MemoryStream(file, 0, length, writable: false);
            Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
            Assert.Equal(PcapError.RecordTruncated, reader.TryReadNext(out var record));
            Assert.Equal(default, record);
        }
    }

    [Theory]
    // A captured length past the reader's 1 MiB bound, and an original length past int.MaxValue.
    [InlineData("01001000 01000000")]
    [InlineData("ffffffff 01000000")]
    [InlineData("01000000 00000080")]
    public void TryReadNext_AbsurdLengths_RecordTooLong(string lengths)
    {
        using var stream = Stream("d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000 00000000 00000000" + lengths + "00");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapError.RecordTooLong, reader.TryReadNext(out _));
    }

    [Fact]
    public void TryReadNext_EmptyRecord_ReadWithNoData()
    {
        using var stream = Stream("d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000 00000000 00000000 00000000 00000000");
        Assert.Equal(PcapError.None, PcapReader.TryOpen(stream, out var reader));
        Assert.Equal(PcapError.None, reader.TryReadNext(out var record));
        Assert.Equal(0, record.Data.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch, record.Timestamp);
        Assert.Equal(PcapError.EndOfFile, reader.TryReadNext(out _));
    }
}
