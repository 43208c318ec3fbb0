using System.Globalization;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Capture;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;

namespace Hnv.Cli.Decode;

/// <summary>
/// Turns one pcap record into a <see cref="DecodedPacket"/>: the outer Ethernet header, then the outer IP
/// packet through <see cref="UnderlayDecoder"/>, the same structural checks every agent runs on what it
/// receives from the underlay. Whatever the decoder read is shown, also for packets it would drop.
/// </summary>
internal static class PacketDecoder
{
    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const uint LinkTypeEthernet = 1;

    /// <summary>LINKTYPE_RAW: IPv4 or IPv6 by the version nibble.</summary>
    public const uint LinkTypeRaw = 101;

    /// <summary>LINKTYPE_IPV4.</summary>
    public const uint LinkTypeIpv4 = 228;

    /// <summary>LINKTYPE_IPV6.</summary>
    public const uint LinkTypeIpv6 = 229;

    /// <summary>True for the link types <see cref="Decode"/> reads.</summary>
    public static bool IsSupported(uint linkType) =>
        linkType is LinkTypeEthernet or LinkTypeRaw or LinkTypeIpv4 or LinkTypeIpv6;

    /// <summary>Decodes the <paramref name="frame"/>-th record of a capture of <paramref name="linkType"/>.</summary>
    public static DecodedPacket Decode(int frame, PcapRecord record, uint linkType)
    {
        var packet = new DecodedPacket
        {
            Frame = frame,
            Time = record.Timestamp.UtcDateTime,
            Length = record.OriginalLength,
        };
        var data = record.Data.AsSpan();
        return linkType == LinkTypeEthernet ? DecodeEthernet(data, packet) : DecodeOuterIp(data, packet);
    }

    private static DecodedPacket DecodeEthernet(Span<byte> data, DecodedPacket packet)
    {
        if (!EthernetFrame.TryRead(data, out var eth))
        {
            return packet with { Error = nameof(DropReason.FrameTruncated) };
        }

        if (eth.EtherType is EtherTypes.Ipv4 or EtherTypes.Ipv6)
        {
            var ethernet = new DecodedEthernet(eth.Source.ToString(), eth.Destination.ToString(), ProtocolNames.EtherTypeHex(eth.EtherType));
            return DecodeOuterIp(eth.Payload, packet with { Ethernet = ethernet });
        }

        // Not IP at all (ARP, LLDP, ...): no envelope to open, so show the frame itself.
        FrameParser.Parse(data, out var summary);
        return packet with
        {
            Ethernet = new DecodedEthernet(summary.SourceMac.ToString(), summary.DestinationMac.ToString(), ProtocolNames.EtherTypeHex(summary.EtherType)),
            Error = nameof(DropReason.NonIp),
        };
    }

    private static DecodedPacket DecodeOuterIp(Span<byte> outerIp, DecodedPacket packet)
    {
        var reason = UnderlayDecoder.Decode(outerIp, out var underlay);
        if (reason != DropReason.OuterMalformed)
        {
            packet = packet with
            {
                Outer = new DecodedOuter(underlay.OuterSource.ToString(), underlay.OuterDestination.ToString(), IpProtocol.Name(underlay.OuterProtocol)),
            };
        }

        if (underlay.HasGre)
        {
            packet = packet with { GreProtocol = ProtocolNames.EtherTypeHex(underlay.GreProtocol) };

            // Without the K bit, or with a checksum in front of it, bytes 4-7 of the GRE header are not the key.
            if (reason is not (DropReason.NvgreKeyMissing or DropReason.NvgreChecksumPresent))
            {
                var key = (underlay.Vsid.Value << 8) | underlay.FlowId;
                packet = packet with
                {
                    Vsid = underlay.Vsid.Value,
                    FlowId = underlay.FlowId,
                    Key = "0x" + key.ToString("x8", CultureInfo.InvariantCulture),
                };
            }
        }

        if (underlay.HasInner)
        {
            packet = packet with { Inner = ToInner(underlay.Inner, reason) };
        }

        return reason == DropReason.None ? packet : packet with { Error = reason.ToString() };
    }

    private static DecodedInner ToInner(in FrameSummary inner, DropReason reason)
    {
        var decoded = new DecodedInner
        {
            SrcMac = inner.SourceMac.ToString(),
            DstMac = inner.DestinationMac.ToString(),
            EtherType = ProtocolNames.EtherTypeHex(inner.EtherType),
        };
        if (!inner.IsIp)
        {
            return decoded;
        }

        // FrameParser reads ports only from a TCP/UDP header that is there; a truncated one leaves them 0.
        var hasPorts = inner.Protocol is IpProtocol.Tcp or IpProtocol.Udp
            && inner.TransportOffset >= 0
            && reason != DropReason.InnerMalformedIp;
        return decoded with
        {
            Src = inner.Source.ToString(),
            Dst = inner.Destination.ToString(),
            Protocol = IpProtocol.Name(inner.Protocol),
            SrcPort = hasPorts ? inner.SourcePort : null,
            DstPort = hasPorts ? inner.DestinationPort : null,
        };
    }
}
