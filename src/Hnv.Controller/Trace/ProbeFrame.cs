using Hnv.Forwarding.Buffers;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ip;
using Hnv.Wire.Transport;

namespace Hnv.Controller.Trace;

/// <summary>Writes a traced packet as its NIC would send it: an Ethernet frame to the default router, checksums valid.</summary>
internal static class ProbeFrame
{
    /// <summary>The smallest IP length a probe of this protocol and family can have (headers, no payload).</summary>
    public static int MinLength(byte protocol, bool v6) =>
        (v6 ? Ipv6Header.Length : Ipv4Header.MinLength) + protocol switch
        {
            IpProtocol.Tcp => TcpHeader.MinLength,
            IpProtocol.Udp => UdpHeader.Length,
            _ => IcmpV4.HeaderLength,
        };

    /// <summary>
    /// Loads the probe into <paramref name="packet"/> (at its headroom, so the envelope fits in front); with
    /// <paramref name="liveId"/>, its payload ends with the live probe's mark (<see cref="Wire.Tunnel.ProbeMark"/>).
    /// </summary>
    public static void Load(PacketBuffer packet, ProbeSpec probe, MacAddress source, MacAddress router, ulong? liveId = null)
    {
        var frame = new byte[Wire.Ethernet.EthernetFrame.HeaderLength + probe.Length];
        var payload = new byte[probe.Length - MinLength(probe.Protocol, probe.Destination.IsV6)];
        if (liveId is { } id)
        {
            Wire.Tunnel.ProbeMark.WriteTail(payload, id);
        }

        var length = probe.Protocol switch
        {
            IpProtocol.Tcp => FrameBuilder.Tcp(frame, source, router, probe.Source, probe.Destination, probe.SourcePort, probe.DestinationPort, 1, TcpHeader.FlagSyn, payload),
            IpProtocol.Udp => FrameBuilder.Udp(frame, source, router, probe.Source, probe.Destination, probe.SourcePort, probe.DestinationPort, payload),
            _ => FrameBuilder.EchoRequest(frame, source, router, probe.Source, probe.Destination, 0x686e, 1, payload),
        };
        packet.Load(frame.AsSpan(0, length));
    }
}
