using Hnv.Wire.Tests.Support;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Transport;

[Trait("tier", "pure")]
public sealed class UdpHeaderTests
{
    // A captured DNS query's UDP header: 49152 -> 53, length 12, checksum 0x1c46, then 4 data bytes.
    private const string Datagram = "c000 0035 000c 1c46 abcd0100";

    [Fact]
    public void TryRead_CapturedHeader_ReadsFields()
    {
        var bytes = Hex.Bytes(Datagram);
        Assert.True(UdpHeader.TryRead(bytes, out var udp));
        Assert.Equal(49152, udp.SourcePort);
        Assert.Equal(53, udp.DestinationPort);
        Assert.Equal(12, udp.DatagramLength);
        Assert.Equal(0x1C46, udp.Checksum);
        Assert.Equal(12, udp.Datagram.Length);
    }

    [Fact]
    public void TryRead_TrailingBytesPastLength_ExcludedFromDatagram()
    {
        var bytes = Hex.Bytes(Datagram + "00000000");
        Assert.True(UdpHeader.TryRead(bytes, out var udp));
        Assert.Equal(12, udp.Datagram.Length);
    }

    [Fact]
    public void TryRead_EveryLengthBelow8_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Datagram);
        for (var length = 0; length < UdpHeader.Length; length++)
        {
            Assert.False(UdpHeader.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Theory]
    // RFC 768: Length counts the 8-byte header, so it is at least 8 ...
    [InlineData(0)]
    [InlineData(7)]
    // ... and cannot run past the bytes received.
    [InlineData(13)]
    [InlineData(0xFFFF)]
    public void TryRead_LengthFieldOutOfRange_ReturnsFalse(int length)
    {
        var bytes = Hex.Bytes(Datagram);
        bytes[4] = (byte)(length >> 8);
        bytes[5] = (byte)length;
        Assert.False(UdpHeader.TryRead(bytes, out _));
    }

    [Fact]
    public void Write_ThenChecksumSetter_MatchesCapturedHeader()
    {
        var bytes = Hex.Bytes("ffffffff ffffffff abcd0100");
        UdpHeader.Write(bytes, 49152, 53, 12);
        Assert.Equal(Hex.Bytes("c000 0035 000c 0000 abcd0100"), bytes);
        Assert.True(UdpHeader.TryRead(bytes, out var udp));
        udp.Checksum = 0x1C46;
        Assert.Equal(Hex.Bytes(Datagram), bytes);
    }
}
