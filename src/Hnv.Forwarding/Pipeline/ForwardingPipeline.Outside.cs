using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Parsing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// A gateway's outside ports: each is the leg into one routing domain's kernel routing context (where NAT and
/// forwarding happen). From the underlay, a VM's packet sent to its subnet's gateway-wildcard record goes out through
/// its domain's outside port; from an outside port, a packet is routed to a VM of that domain only (never to a
/// gateway-wildcard record again, which would loop).
/// </summary>
public static partial class ForwardingPipeline
{
    private static Verdict OutsideIngress<TTrace>(PacketBuffer packet, int portIndex, LocalPort port, ushort etherType, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        if (!node.TryGetOutsideDomain(portIndex, out var domain))
        {
            return Drop(ref trace, Stage.OutsideIngress, DropReason.OutsideDomainUnknown);
        }

        if (etherType is not (EtherTypes.Ipv4 or EtherTypes.Ipv6))
        {
            // The routing context reaches the domain's VMs through static neighbours: it has no reason to send ARP or more.
            return Drop(ref trace, Stage.OutsideIngress, DropReason.NonIp);
        }

        var frame = packet.Data;
        if (FrameParser.Parse(frame, out var summary) != ParseError.None)
        {
            return Drop(ref trace, Stage.OutsideIngress, DropReason.MalformedIp);
        }

        var destination = summary.Destination;
        if (destination.IsMulticast || (destination.IsV4 && destination.V4Value == uint.MaxValue) || destination.IsV6LinkLocal)
        {
            return Drop(ref trace, Stage.OutsideIngress, DropReason.MulticastDestination);
        }

        // Whatever comes from outside may not pose as a VM of the domain (the receiving host would drop it too).
        if (domain.TryGetRecord(summary.Source, out _))
        {
            return Drop(ref trace, Stage.OutsideIngress, DropReason.OutsideSourceInside);
        }

        if (!TryFindTarget(destination, domain, subnet: null, out var target, out var via))
        {
            return Drop(ref trace, Stage.Route, via == RouteVia.NoRecord ? DropReason.NoLookupRecord : DropReason.NoRoute);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.OutsideIngress, $"outside of {domain.Name} ({domain.Rdid}): {summary.Source} -> {destination} via {via}: lookup record {target.Ca} vsid {target.Vsid} mac {target.Mac} pa {target.Pa}");
        }

        if (target.Rule == LookupRule.Translate)
        {
            return Drop(ref trace, Stage.Route, DropReason.TranslateUnsupported, target.Vsid.Value);
        }

        var local = node.Settings.IsLocalProviderAddress(target.Pa);
        if (!local && SegmentIpLength(packet, summary) > node.Settings.InnerIpMtu(target.Pa.IsV6))
        {
            // The routing context's leg has the inner MTU, so its kernel fragments or answers "too big" itself first.
            return Drop(ref trace, Stage.PathMtu, DropReason.PacketTooBig, target.Vsid.Value);
        }

        EthernetFrame.TryRead(frame, out var eth);
        eth.Destination = target.Mac;
        eth.Source = node.Settings.RouterMac;
        var frameLength = summary.NetworkOffset + summary.IpLength;
        return local
            ? DeliverLocally(packet, frameLength, target, target.Vsid.Value, node, ref trace)
            : Encapsulate(packet, summary, frameLength, target, node, ref trace);
    }

    /// <summary>
    /// A decapsulated packet whose destination has no record in its domain: it leaves through the domain's outside port
    /// when this node is the gateway the sender's subnet sends such packets to, and the sender is a VM of the domain on
    /// the host that sent it.
    /// </summary>
    private static Verdict ToOutside<TTrace>(PacketBuffer packet, in UnderlayPacket decoded, SubnetView subnet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var inner = decoded.Inner;
        var vsid = decoded.Vsid.Value;
        var domain = subnet.Domain;
        if (!node.TryGetOutsidePort(domain.Rdid, out var outside) || domain.TryFindSubnet(inner.Destination, out _)
            || !subnet.TryGetGatewayWildcard(inner.Destination.IsV6, out var wildcard) || wildcard.Mac != inner.DestinationMac
            || !node.Settings.IsLocalProviderAddress(wildcard.Pa))
        {
            return Drop(ref trace, Stage.DestinationCheck, DropReason.UnknownDestination, vsid);
        }

        if (!domain.TryGetRecord(inner.Source, out var sender))
        {
            return Drop(ref trace, Stage.SourceCheck, DropReason.UnknownSource, vsid);
        }

        if (!node.Policy.IsSameHost(sender.Pa, decoded.OuterSource))
        {
            return Drop(ref trace, Stage.SourceCheck, DropReason.SourcePaMismatch, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.Decapsulate, $"to outside port {outside.Name} of {domain.Name} ({domain.Rdid})");
        }

        packet.Offset += decoded.InnerOffset;
        packet.Length = decoded.InnerLength;
        EthernetFrame.TryRead(packet.Data, out var eth);
        eth.Destination = outside.Mac; // the routing context's leg takes frames for its own MAC
        return Verdict.DeliverTo(outside.Index, decoded.Vsid);
    }
}
