using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// The structural half of the underlay path: outer IPv4/IPv6, GRE as NVGRE (RFC 7637 section 3.2) and the
/// inner frame, with no policy. The pipeline runs it before its policy checks; `hnv decode` runs it alone to
/// say what any agent would drop whatever its policy.
/// </summary>
public static class UnderlayDecoder
{
    /// <summary>Decodes <paramref name="outerIp"/> (starting at the outer IP header); <see cref="DropReason.None"/> when acceptable.</summary>
    public static DropReason Decode(Span<byte> outerIp, out UnderlayPacket packet)
    {
        packet = default;
        Span<byte> gre;
        int greOffset;
        if (outerIp.Length > 0 && (outerIp[0] >> 4) == 4)
        {
            if (!Ipv4Header.TryRead(outerIp, out var ip))
            {
                return DropReason.OuterMalformed;
            }

            packet.OuterSource = ip.Source;
            packet.OuterDestination = ip.Destination;
            packet.OuterProtocol = ip.Protocol;
            if (!ip.IsChecksumValid)
            {
                // An AF_PACKET underlay sees frames before the kernel's IP checks, so this is ours to do.
                return DropReason.OuterChecksumInvalid;
            }

            if (ip.IsFragment)
            {
                return DropReason.OuterFragment;
            }

            if (ip.Protocol != IpProtocol.Gre)
            {
                return DropReason.OuterNotGre;
            }

            gre = ip.Payload;
            greOffset = ip.HeaderLength;
        }
        else if (outerIp.Length > 0 && (outerIp[0] >> 4) == 6)
        {
            if (!Ipv6Header.TryRead(outerIp, out var ip) || !ip.TryFindUpperLayer(out var protocol, out var offset, out var fragment))
            {
                return DropReason.OuterMalformed;
            }

            packet.OuterSource = ip.Source;
            packet.OuterDestination = ip.Destination;
            packet.OuterProtocol = protocol;
            if (fragment)
            {
                return DropReason.OuterFragment;
            }

            if (protocol != IpProtocol.Gre)
            {
                return DropReason.OuterNotGre;
            }

            gre = outerIp[offset..(Ipv6Header.Length + ip.PayloadLength)];
            greOffset = offset;
        }
        else
        {
            return DropReason.OuterMalformed;
        }

        var greError = NvgreHeader.TryRead(gre, out var nvgre);
        if (greError == NvgreError.Truncated)
        {
            return DropReason.NvgreTruncated;
        }

        var innerOffset = greOffset + NvgreHeader.Length;
        packet.HasGre = true;
        packet.Vsid = nvgre.Vsid;
        packet.FlowId = nvgre.FlowId;
        packet.GreProtocol = nvgre.Protocol;
        packet.InnerOffset = innerOffset;
        if (greError != NvgreError.None)
        {
            return ToDropReason(greError);
        }

        var inner = nvgre.Payload;
        var parse = FrameParser.Parse(inner, out var summary);
        if (parse == ParseError.EthernetTruncated)
        {
            return DropReason.InnerFrameTruncated;
        }

        var innerLength = summary.IsIp ? summary.NetworkOffset + summary.IpLength : inner.Length;
        packet.HasInner = true;
        packet.Inner = summary;
        packet.InnerLength = innerLength;
        if (summary.HasVlanTag)
        {
            // RFC 7637 section 3.2: an inner 802.1Q tag must not be sent and is dropped on receipt.
            return DropReason.InnerVlanTagged;
        }

        if (summary.EtherType is not (EtherTypes.Ipv4 or EtherTypes.Ipv6))
        {
            return DropReason.InnerNonIp;
        }

        return parse == ParseError.None ? DropReason.None : DropReason.InnerMalformedIp;
    }

    private static DropReason ToDropReason(NvgreError error) => error switch
    {
        NvgreError.KeyMissing => DropReason.NvgreKeyMissing,
        NvgreError.ChecksumPresent => DropReason.NvgreChecksumPresent,
        NvgreError.SequencePresent => DropReason.NvgreSequencePresent,
        NvgreError.ReservedBitsSet => DropReason.NvgreReservedBitsSet,
        NvgreError.WrongProtocol => DropReason.NvgreWrongProtocol,
        NvgreError.ReservedVsid => DropReason.NvgreReservedVsid,
        _ => DropReason.NvgreTruncated,
    };
}
