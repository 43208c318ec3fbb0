using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// The ND proxy: neighbor solicitations are answered here from policy (RFC 4861 section 7.2.4, as a proxy);
/// other ND messages (router and neighbor advertisements, redirects, router solicitations) are counted and dropped.
/// </summary>
public static partial class ForwardingPipeline
{
    private static Verdict NdProxy<TTrace>(PacketBuffer packet, in FrameSummary summary, LocalPort port, SubnetView subnet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var frame = packet.Data;
        var vsid = port.Vsid.Value;
        var icmp = frame[summary.TransportOffset..(summary.NetworkOffset + summary.IpLength)];

        // RFC 4861 section 7.1.1: hop limit 255 (it never crossed a router), valid checksum, code 0.
        if (summary.HopLimit != 255 || icmp.Length < IcmpV6.HeaderLength || icmp[1] != 0
            || !InternetChecksum.IsValidWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Icmpv6, icmp))
        {
            return Drop(ref trace, Stage.NdProxy, DropReason.NdMalformed, vsid);
        }

        if (icmp[0] != IcmpV6.TypeNeighborSolicitation)
        {
            return Drop(ref trace, Stage.NdProxy, DropReason.NdUnsupportedMessage, vsid);
        }

        if (icmp.Length < NeighborDiscovery.MessageLength)
        {
            return Drop(ref trace, Stage.NdProxy, DropReason.NdMalformed, vsid);
        }

        NeighborDiscovery.TryReadTarget(icmp, out var target);
        var hasSource = NeighborDiscovery.TryFindLinkLayerOption(icmp, NeighborDiscovery.OptionSourceLinkLayerAddress, out var sourceMac, out var malformed);
        if (target.IsMulticast || malformed)
        {
            return Drop(ref trace, Stage.NdProxy, DropReason.NdMalformed, vsid);
        }

        if (summary.Source.IsUnspecified)
        {
            // Duplicate address detection: policy already made every CA unique, so there is nothing to defend.
            return Drop(ref trace, Stage.NdProxy, DropReason.NdDuplicateAddressDetection, vsid);
        }

        // The source guard for ND: the VM's own CA or its link-local address, and its own MAC in the option.
        if (!(port.Owns(summary.Source) || summary.Source.IsV6LinkLocal) || (hasSource && sourceMac != port.Mac))
        {
            return Drop(ref trace, Stage.SourceGuard, DropReason.SourceIpSpoofed, vsid);
        }

        if (port.Owns(target) || !TryResolveNeighbor(target, port, subnet, node, out var answer, out var isRouter))
        {
            return Drop(ref trace, Stage.NdProxy, DropReason.NdUnknownTarget, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.NdProxy, $"solicitation for {target}: advertised {answer} from policy");
        }

        // Write the advertisement over the solicitation: Ethernet, IPv6 from the target to the asker, NA + TLLA.
        const int NaLength = NeighborDiscovery.MessageLength + NeighborDiscovery.LinkLayerOptionLength;
        var ipAt = summary.NetworkOffset;
        var reply = packet.All.Slice(packet.Offset, ipAt + Ipv6Header.Length + NaLength);
        var asker = summary.Source;
        EthernetFrame.WriteHeader(reply, port.Mac, answer, EtherTypes.Ipv6);
        Ipv6Header.Write(reply[ipAt..], target, asker, IpProtocol.Icmpv6, NaLength, hopLimit: 255);
        var na = reply[(ipAt + Ipv6Header.Length)..];
        var flags = NeighborDiscovery.FlagSolicited | NeighborDiscovery.FlagOverride | (isRouter ? NeighborDiscovery.FlagRouter : 0);
        NeighborDiscovery.WriteAdvertisement(na, flags, target, answer);
        var checksum = InternetChecksum.ComputeWithPseudoHeader(target, asker, IpProtocol.Icmpv6, na);
        na[2] = (byte)(checksum >> 8);
        na[3] = (byte)checksum;
        packet.Length = reply.Length;
        return Verdict.ReplyTo(port.Index);
    }
}
