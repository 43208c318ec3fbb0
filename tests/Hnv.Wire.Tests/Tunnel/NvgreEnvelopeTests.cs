using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Tunnel;

[Trait("tier", "pure")]
public sealed class NvgreEnvelopeTests
{
    private const int Headroom = 64;
    private const int FrameLength = 60;

    private static byte[] BufferWithFrame()
    {
        var buffer = new byte[Headroom + FrameLength];
        buffer.AsSpan(0, Headroom).Fill(0xEE);
        for (var i = 0; i < FrameLength; i++)
        {
            buffer[Headroom + i] = (byte)i;
        }

        return buffer;
    }

    [Fact]
    public void Overhead_ByFamily_IsIpPlusGre()
    {
        Assert.Equal(28, NvgreEnvelope.OverheadV4);
        Assert.Equal(48, NvgreEnvelope.OverheadV6);
        Assert.Equal(28, NvgreEnvelope.Overhead(false));
        Assert.Equal(48, NvgreEnvelope.Overhead(true));
    }

    [Fact]
    public void WriteInFront_OuterIpv4_WritesValidIpAndGreBeforeFrame()
    {
        var buffer = BufferWithFrame();
        var at = NvgreEnvelope.WriteInFront(buffer, Headroom, FrameLength, IpAddress.Parse("192.0.2.1"), IpAddress.Parse("192.0.2.2"),
            new Vsid(0x5001), 0x9A, hopLimit: 32);
        Assert.Equal(Headroom - NvgreEnvelope.OverheadV4, at);
        Assert.All(buffer[..at], b => Assert.Equal(0xEE, b)); // nothing written before the envelope

        Assert.True(Ipv4Header.TryRead(buffer.AsSpan(at), out var ip));
        Assert.Equal(NvgreEnvelope.OverheadV4 + FrameLength, ip.TotalLength);
        Assert.Equal(IpProtocol.Gre, ip.Protocol);
        Assert.Equal(32, ip.TimeToLive);
        Assert.True(ip.DontFragment); // RFC 7637 section 5.1: NVGRE is not fragmented by the NVE
        Assert.True(ip.IsChecksumValid);
        Assert.Equal(IpAddress.Parse("192.0.2.1"), ip.Source);
        Assert.Equal(IpAddress.Parse("192.0.2.2"), ip.Destination);

        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(ip.Payload, out var gre));
        Assert.Equal((0x5001u << 8) | 0x9A, gre.Key);
        Assert.Equal(FrameLength, gre.Payload.Length);
        Assert.Equal(0, gre.Payload[0]);
        Assert.Equal(FrameLength - 1, gre.Payload[^1]);
    }

    [Fact]
    public void WriteInFront_OuterIpv6_FlowLabelCarriesFlowId()
    {
        var buffer = BufferWithFrame();
        var at = NvgreEnvelope.WriteInFront(buffer, Headroom, FrameLength, IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"),
            new Vsid(0xFFFFFE), 0x07);
        Assert.Equal(Headroom - NvgreEnvelope.OverheadV6, at);
        Assert.All(buffer[..at], b => Assert.Equal(0xEE, b));

        Assert.True(Ipv6Header.TryRead(buffer.AsSpan(at), out var ip));
        Assert.Equal(NvgreHeader.Length + FrameLength, ip.PayloadLength);
        Assert.Equal(IpProtocol.Gre, ip.NextHeader);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal(0x07u, ip.FlowLabel);
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(ip.Payload, out var gre));
        Assert.Equal(new Vsid(0xFFFFFE), gre.Vsid);
        Assert.Equal(0x07, gre.FlowId);
        Assert.Equal(FrameLength, gre.Payload.Length);
    }
}
