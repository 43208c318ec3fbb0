using Hnv.Wire.Tests.Support;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Transport;

[Trait("tier", "pure")]
public sealed class TcpHeaderTests
{
    // A captured Linux SYN: 40000 -> 80, seq 0x01020304, data offset 10 (40 bytes), window 64240, checksum 0xabcd, options
    // MSS 1460 (RFC 9293 3.2), SACK permitted (RFC 2018), timestamps (RFC 7323), NOP, window scale 7.
    private const string Syn = "9c40 0050 01020304 00000000 a002 faf0 abcd 0000 020405b4 0402 080a 0000000a 00000000 01 030307";

    private static byte[] WithOptions(string options)
    {
        var optionBytes = Hex.Bytes(options);
        var bytes = new byte[20 + optionBytes.Length];
        TcpHeader.Write(bytes, 1, 2, 0, 0, TcpHeader.FlagSyn, 1024);
        bytes[12] = (byte)((bytes.Length / 4) << 4);
        optionBytes.CopyTo(bytes, 20);
        return bytes;
    }

    [Fact]
    public void TryRead_CapturedSyn_ReadsFieldsAndMss()
    {
        var bytes = Hex.Bytes(Syn);
        Assert.True(TcpHeader.TryRead(bytes, out var tcp));
        Assert.Equal(40000, tcp.SourcePort);
        Assert.Equal(80, tcp.DestinationPort);
        Assert.Equal(0x01020304u, tcp.SequenceNumber);
        Assert.Equal(0u, tcp.AcknowledgmentNumber);
        Assert.Equal(40, tcp.HeaderLength);
        Assert.Equal(TcpHeader.FlagSyn, tcp.Flags);
        Assert.Equal(64240, tcp.Window);
        Assert.Equal(0xABCD, tcp.Checksum);
        Assert.True(tcp.TryGetMss(out var mss, out var offset));
        Assert.Equal(1460, mss);
        Assert.Equal(22, offset);
    }

    [Fact]
    public void TryRead_EveryLengthBelow20_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Syn);
        for (var length = 0; length < TcpHeader.MinLength; length++)
        {
            Assert.False(TcpHeader.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Theory]
    // RFC 9293 3.1: Data Offset is at least 5 ...
    [InlineData(0)]
    [InlineData(4)]
    // ... and the header it describes must be present.
    [InlineData(11)]
    [InlineData(15)]
    public void TryRead_DataOffsetOutOfRange_ReturnsFalse(int dataOffset)
    {
        var bytes = Hex.Bytes(Syn);
        bytes[12] = (byte)(dataOffset << 4);
        Assert.False(TcpHeader.TryRead(bytes, out _));
    }

    [Fact]
    public void TryRead_HeaderCutInsideOptions_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Syn);
        for (var length = 20; length < 40; length++)
        {
            Assert.False(TcpHeader.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Theory]
    // RFC 9293 3.2: MSS kind 2, length 4, after NOPs.
    [InlineData("01 01 020405b4 0000", 1460, 24)]
    // RFC 9293 3.2: other options are skipped by their length (window scale, SACK permitted).
    [InlineData("030307 0402 01 020405dc 0000", 1500, 28)]
    // An MSS before a malformed option is found: the walk stops at the first match.
    [InlineData("020405b4 0309 0000", 1460, 22)]
    [InlineData("020400c8", 200, 22)]
    public void TryGetMss_Present_ReturnsValueAndOffset(string options, int mss, int offset)
    {
        var bytes = WithOptions(options);
        Assert.True(TcpHeader.TryRead(bytes, out var tcp));
        Assert.True(tcp.TryGetMss(out var found, out var at));
        Assert.Equal(mss, found);
        Assert.Equal(offset, at);
    }

    [Theory]
    // No options at all.
    [InlineData("")]
    // RFC 9293 3.2: End of Option List stops the walk (an MSS after it is not an option).
    [InlineData("00000000 020405b4")]
    // Only NOPs.
    [InlineData("01010101")]
    // RFC 9293 3.2 / 3.7.1: an MSS option whose length is not 4 is not a usable MSS.
    [InlineData("020305 00")]
    // Malformed: option length 0 or 1 (below the kind+length bytes).
    [InlineData("0300 0000")]
    [InlineData("0301 0000")]
    // Malformed: option length past the header.
    [InlineData("0308 0000")]
    [InlineData("01 0309 0000000000")]
    // Malformed: a kind byte with no room for its length byte.
    [InlineData("010101 03")]
    public void TryGetMss_AbsentOrMalformedOptions_ReturnsFalse(string options)
    {
        var bytes = WithOptions(options);
        Assert.True(TcpHeader.TryRead(bytes, out var tcp));
        Assert.False(tcp.TryGetMss(out var mss, out var offset));
        Assert.Equal((0, 0), (mss, offset));
    }

    [Fact]
    public void TryGetMss_OptionsPastHeaderLength_NotRead()
    {
        // Data offset 5: the bytes after the header are payload, even if they look like an MSS option.
        var bytes = WithOptions("020405b4");
        bytes[12] = 5 << 4;
        Assert.True(TcpHeader.TryRead(bytes, out var tcp));
        Assert.False(tcp.TryGetMss(out _, out _));
    }

    [Fact]
    public void Write_AllFields_ReadBack()
    {
        var bytes = new byte[20];
        bytes.AsSpan().Fill(0xEE);
        TcpHeader.Write(bytes, 40000, 80, 0x01020304, 0x0A0B0C0D, TcpHeader.FlagAck | TcpHeader.FlagPsh, 512);
        Assert.Equal(Hex.Bytes("9c40 0050 01020304 0a0b0c0d 5018 0200 0000 0000"), bytes);
        Assert.True(TcpHeader.TryRead(bytes, out var tcp));
        tcp.Checksum = 0x1234;
        Assert.Equal(0x1234, tcp.Checksum);
        Assert.Equal(0x0A0B0C0Du, tcp.AcknowledgmentNumber);
        Assert.Equal((1, 2, 4), (TcpHeader.FlagFin, TcpHeader.FlagSyn, TcpHeader.FlagRst));
    }
}
