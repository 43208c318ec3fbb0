using Hnv.Wire.Addressing;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ethernet;

[Trait("tier", "pure")]
public sealed class ArpPacketTests
{
    // RFC 826 request: who has 10.0.0.2? tell 10.0.0.1 (00:15:5d:01:02:03).
    private const string Request = "0001 0800 06 04 0001 00155d010203 0a000001 000000000000 0a000002";

    [Fact]
    public void TryRead_Request_ReadsFields()
    {
        var bytes = Hex.Bytes(Request);
        Assert.True(ArpPacket.TryRead(bytes, out var arp));
        Assert.Equal(ArpPacket.OperationRequest, arp.Operation);
        Assert.Equal(MacAddress.Parse("00:15:5d:01:02:03"), arp.SenderMac);
        Assert.Equal(IpAddress.Parse("10.0.0.1"), arp.SenderIp);
        Assert.Equal(MacAddress.Zero, arp.TargetMac);
        Assert.Equal(IpAddress.Parse("10.0.0.2"), arp.TargetIp);
    }

    [Fact]
    public void TryRead_EveryLengthBelow28_ReturnsFalse()
    {
        var bytes = Hex.Bytes(Request);
        for (var length = 0; length < ArpPacket.Length; length++)
        {
            Assert.False(ArpPacket.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Theory]
    // RFC 826: only hardware type 1 (Ethernet), protocol 0x0800, hlen 6 and plen 4 are read.
    [InlineData(0, 0x00, 0x06)] // htype 6 (IEEE 802)
    [InlineData(2, 0x86, 0xdd)] // ptype IPv6
    [InlineData(4, 0x08, 0x04)] // hlen 8
    [InlineData(5, 0x10, 0x00)] // plen 16
    public void TryRead_OtherHardwareOrProtocol_ReturnsFalse(int at, byte first, byte second)
    {
        var bytes = Hex.Bytes(Request);
        bytes[at] = first;
        if (at < 4)
        {
            bytes[at + 1] = second;
        }

        Assert.False(ArpPacket.TryRead(bytes, out _));
    }

    [Fact]
    public void Write_Reply_ReadsBackAndMatchesBytes()
    {
        var bytes = new byte[ArpPacket.Length];
        ArpPacket.Write(bytes, ArpPacket.OperationReply, MacAddress.Parse("00:15:5d:0a:0b:0c"), IpAddress.Parse("10.0.0.2"),
            MacAddress.Parse("00:15:5d:01:02:03"), IpAddress.Parse("10.0.0.1"));
        Assert.Equal(Hex.Bytes("0001 0800 06 04 0002 00155d0a0b0c 0a000002 00155d010203 0a000001"), bytes);

        Assert.True(ArpPacket.TryRead(bytes, out var arp));
        arp.Operation = ArpPacket.OperationRequest;
        arp.SenderMac = MacAddress.Parse("00:15:5d:01:02:03");
        arp.SenderIp = IpAddress.Parse("10.0.0.1");
        arp.TargetMac = MacAddress.Zero;
        arp.TargetIp = IpAddress.Parse("10.0.0.2");
        Assert.Equal(Hex.Bytes(Request), bytes);
    }
}
