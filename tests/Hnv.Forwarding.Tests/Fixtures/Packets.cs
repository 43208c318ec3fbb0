using Hnv.Forwarding.Buffers;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Fixtures;

/// <summary>Frames the tests send, built with the Wire writers into a <see cref="PacketBuffer"/>.</summary>
public static class Packets
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    public static PacketBuffer Udp(Vm from, IpAddress to, MacAddress toMac, int payload = 32, byte ttl = 64, ushort srcPort = 40000, ushort dstPort = 9999)
    {
        var src = to.IsV6 ? from.Ca6!.Value : from.Ca4;
        return Build(span => FrameBuilder.Udp(span, from.Mac, toMac, src, to, srcPort, dstPort, Bytes(payload), ttl));
    }

    public static PacketBuffer Udp(Vm from, Vm to, bool v6 = false, int payload = 32, byte ttl = 64) =>
        Udp(from, v6 ? to.Ca6!.Value : to.Ca4, to.Mac, payload, ttl);

    public static PacketBuffer Raw(ReadOnlySpan<byte> frame)
    {
        var buffer = new PacketBuffer();
        buffer.Load(frame);
        return buffer;
    }

    public static PacketBuffer Build(Func<Span<byte>, int> write)
    {
        var buffer = new PacketBuffer();
        var length = write(buffer.ReceiveSpan);
        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = length;
        return buffer;
    }

    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = Payload[i % Payload.Length];
        }

        return bytes;
    }

    /// <summary>Wraps <paramref name="frame"/> in NVGRE as a remote host would send it (outer IP only).</summary>
    public static PacketBuffer Nvgre(PacketBuffer frame, IpAddress fromPa, IpAddress toPa, Vsid vsid, byte flowId = 7)
    {
        var start = NvgreEnvelope.WriteInFront(frame.All, frame.Offset, frame.Length, fromPa, toPa, vsid, flowId);
        frame.Length += frame.Offset - start;
        frame.Offset = start;
        return frame;
    }

    /// <summary>Parses a frame the pipeline produced.</summary>
    public static FrameSummary Parse(ReadOnlySpan<byte> frame)
    {
        var copy = frame.ToArray();
        Assert.Equal(ParseError.None, FrameParser.Parse(copy, out var summary));
        return summary;
    }

    /// <summary>The ICMP (v4 or v6) message of a frame.</summary>
    public static byte[] Icmp(ReadOnlySpan<byte> frame)
    {
        var summary = Parse(frame);
        Assert.True(summary.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6, $"protocol {summary.Protocol}");
        return frame[summary.TransportOffset..(summary.NetworkOffset + summary.IpLength)].ToArray();
    }

    /// <summary>The IPv4 header of a frame.</summary>
    public static byte[] Ipv4(ReadOnlySpan<byte> frame) => frame[EthernetFrame.HeaderLength..].ToArray();
}
