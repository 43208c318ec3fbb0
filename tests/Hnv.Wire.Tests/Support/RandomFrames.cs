using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ip;
using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Support;

/// <summary>Random but valid frames from a seeded <see cref="Random"/>, made with <see cref="FrameBuilder"/>.</summary>
internal static class RandomFrames
{
    public const int MaxPayload = 1400;

    public static IpAddress Address(Random random, bool v6)
    {
        if (!v6)
        {
            return IpAddress.FromV4((uint)random.NextInt64(0, 1L << 32));
        }

        return IpAddress.FromV6(new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()));
    }

    public static MacAddress Mac(Random random) => new((ulong)random.NextInt64(0, 1L << 48) & ~0x0100_0000_0000UL);

    /// <summary>A random UDP, TCP or echo frame of either family (and now and then ARP or NS).</summary>
    public static BuiltFrame Next(Random random)
    {
        var roll = random.Next(20);
        var kind = roll switch
        {
            < 7 => FrameKind.Udp,
            < 14 => FrameKind.Tcp,
            < 18 => FrameKind.Echo,
            18 => FrameKind.Arp,
            _ => FrameKind.NeighborSolicitation,
        };
        return Make(random, kind, v6: kind == FrameKind.NeighborSolicitation || (kind != FrameKind.Arp && random.Next(2) == 0));
    }

    public static BuiltFrame Make(Random random, FrameKind kind, bool v6)
    {
        var srcMac = Mac(random);
        var dstMac = Mac(random);
        var src = Address(random, v6);
        var dst = Address(random, v6);
        var payload = new byte[kind is FrameKind.Arp or FrameKind.NeighborSolicitation ? 0 : random.Next(MaxPayload + 1)];
        random.NextBytes(payload);
        var srcPort = (ushort)random.Next(65536);
        var dstPort = (ushort)random.Next(65536);
        var hopLimit = (byte)random.Next(1, 256);
        var buffer = new byte[FrameBuilder.HeadersLength(v6) + TcpHeader.MinLength + payload.Length];
        int length;
        switch (kind)
        {
            case FrameKind.Udp:
                length = FrameBuilder.Udp(buffer, srcMac, dstMac, src, dst, srcPort, dstPort, payload, hopLimit);
                break;
            case FrameKind.Tcp:
                length = FrameBuilder.Tcp(buffer, srcMac, dstMac, src, dst, srcPort, dstPort, (uint)random.NextInt64(0, 1L << 32),
                    (byte)random.Next(256), payload, hopLimit);
                break;
            case FrameKind.Echo:
                length = FrameBuilder.EchoRequest(buffer, srcMac, dstMac, src, dst, srcPort, dstPort, payload, hopLimit);
                (srcPort, dstPort) = (0, 0);
                break;
            case FrameKind.Arp:
                length = FrameBuilder.ArpRequest(buffer, srcMac, src, dst);
                (dstMac, srcPort, dstPort, hopLimit) = (MacAddress.Broadcast, 0, 0, 0);
                break;
            default:
                buffer = new byte[FrameBuilder.HeadersLength(true) + NeighborDiscovery.MessageLength + NeighborDiscovery.LinkLayerOptionLength];
                length = FrameBuilder.NeighborSolicitation(buffer, srcMac, src, dst);
                dstMac = new MacAddress(0x3333_0000_0000UL | (ulong)(NeighborDiscovery.SolicitedNodeAddress(dst).Value & 0xFFFF_FFFF));
                (dst, srcPort, dstPort, hopLimit) = (NeighborDiscovery.SolicitedNodeAddress(dst), 0, 0, 255);
                break;
        }

        return new BuiltFrame(kind, buffer[..length], srcMac, dstMac, src, dst, srcPort, dstPort, hopLimit, payload.Length);
    }
}
