using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// Routing on the destination IP inside the sender's routing domain (also within one subnet), then the hop
/// limit, the path MTU, and either local delivery or encapsulation toward the destination's PA.
/// </summary>
public static partial class ForwardingPipeline
{
    private static Verdict Route<TTrace>(PacketBuffer packet, in FrameSummary summary, LocalPort port, SubnetView subnet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var vsid = port.Vsid.Value;
        var destination = summary.Destination;
        if (!TryFindTarget(destination, subnet.Domain, subnet, out var target, out var via))
        {
            return Drop(ref trace, Stage.Route, via == RouteVia.NoRecord ? DropReason.NoLookupRecord : DropReason.NoRoute, vsid);
        }

        // Routed, not switched: the destination is in another virtual subnet or reached through a next hop.
        // (A Static record's CA is inside its subnet's prefixes, validation sees to that; only others need the check.)
        var routed = target.Vsid != port.Vsid || via != RouteVia.Record
            || (target.Type != LookupRecordType.Static && !subnet.ContainsOnLink(destination));
        if (trace.IsEnabled)
        {
            trace.Step(Stage.Route, $"{destination} via {via}: lookup record {target.Ca} vsid {target.Vsid} mac {target.Mac} pa {target.Pa} ({target.Rule}){(routed ? ", routed" : ", on-link")}");
        }

        if (target.Rule == LookupRule.Translate)
        {
            return Drop(ref trace, Stage.Route, DropReason.TranslateUnsupported, vsid);
        }

        var frame = packet.Data;
        if (routed)
        {
            if (summary.HopLimit <= 1)
            {
                return summary.Source.IsV6
                    ? IcmpError(packet, summary, port, subnet, node, Stage.HopLimit, DropReason.TtlExceeded, IcmpV6.TypeTimeExceeded, 0, 0, ref trace)
                    : IcmpError(packet, summary, port, subnet, node, Stage.HopLimit, DropReason.TtlExceeded, IcmpV4.TypeTimeExceeded, IcmpV4.CodeTtlExceeded, 0, ref trace);
            }

            DecrementHopLimit(frame[summary.NetworkOffset..], summary.Source.IsV6);
        }

        var local = node.Settings.IsLocalProviderAddress(target.Pa);
        var frameLength = summary.NetworkOffset + summary.IpLength; // Ethernet padding is not carried on
        if (!local)
        {
            var mtu = node.Settings.InnerIpMtu(target.Pa.IsV6);
            if (SegmentIpLength(packet, summary) > mtu)
            {
                // Never fragment NVGRE: tell the VM the size that fits (RFC 1191 / RFC 8201). For IPv4 without DF,
                // too: Linux then fragments at the source (see docs/decisions/0002-path-mtu.md).
                return summary.Source.IsV6
                    ? IcmpError(packet, summary, port, subnet, node, Stage.PathMtu, DropReason.PacketTooBig, IcmpV6.TypePacketTooBig, 0, (uint)Math.Max(mtu, 1280), ref trace)
                    : IcmpError(packet, summary, port, subnet, node, Stage.PathMtu, DropReason.PacketTooBig, IcmpV4.TypeDestinationUnreachable, IcmpV4.CodeFragmentationNeeded, (uint)mtu, ref trace);
            }
        }

        // Rewrite the MACs as the destination NIC expects them: from the default router when routed, else from the sender.
        EthernetFrame.TryRead(frame, out var eth);
        eth.Destination = target.Mac;
        if (routed)
        {
            eth.Source = node.Settings.RouterMac;
        }

        return local ? DeliverLocally(packet, frameLength, target, vsid, node, ref trace) : Encapsulate(packet, summary, frameLength, target, node, ref trace);
    }

    private static Verdict DeliverLocally<TTrace>(PacketBuffer packet, int frameLength, LookupRecord target, uint vsid, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        if (!node.TryGetPortByMac(target.Mac, out var egress))
        {
            return Drop(ref trace, Stage.LocalDelivery, DropReason.LocalPortMissing, vsid);
        }

        // A MAC is not an identity across virtual subnets: a port of another VSID (another tenant's, maybe)
        // that carries the record's MAC never gets the frame. The underlay path checks the same.
        if (egress.Vsid != target.Vsid)
        {
            return Drop(ref trace, Stage.LocalDelivery, DropReason.LocalPortVsidMismatch, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.LocalDelivery, $"to local port {egress.Name}");
        }

        packet.Length = frameLength;
        return Verdict.DeliverTo(egress.Index, target.Vsid);
    }

    private static Verdict Encapsulate<TTrace>(PacketBuffer packet, in FrameSummary summary, int frameLength, LookupRecord target, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        if (!node.Settings.TryGetProviderAddress(target.Pa, out var source))
        {
            return Drop(ref trace, Stage.Encapsulate, DropReason.NoProviderAddressForFamily, target.Vsid.Value);
        }

        if (packet.Offset < NvgreEnvelope.OverheadV6)
        {
            return Drop(ref trace, Stage.Encapsulate, DropReason.NoHeadroom, target.Vsid.Value);
        }

        var flowId = node.Settings.FlowIdHashing ? FlowHash.Compute(summary) : (byte)0;
        var start = NvgreEnvelope.WriteInFront(packet.All, packet.Offset, frameLength, source, target.Pa, target.Vsid, flowId, node.Settings.OuterHopLimit);
        packet.Length = packet.Offset + frameLength - start;
        packet.Offset = start;
        if (trace.IsEnabled)
        {
            trace.Step(Stage.Encapsulate, $"NVGRE {source} -> {target.Pa} key 0x{(target.Vsid.Value << 8) | flowId:x8} (vsid {target.Vsid}, flowid {flowId}), {packet.Length} bytes");
        }

        return Verdict.EncapsulateTo(target.Pa, target.Vsid);
    }

    /// <summary>
    /// Finds the lookup record to send to: the destination's own record; else the best customer route, whose
    /// next hop's record is used (an on-link route needs the destination's own record); else the subnet's
    /// gateway-wildcard record of the sender's <paramref name="subnet"/> (none for a packet from outside the domain). A
    /// destination inside one of the domain's subnets with no record is not routed around through a shorter route: it is
    /// simply unknown.
    /// </summary>
    private static bool TryFindTarget(Wire.Addressing.IpAddress destination, RoutingDomainView domain, SubnetView? subnet,
        [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out LookupRecord target, out RouteVia via)
    {
        if (domain.TryGetRecord(destination, out target))
        {
            via = RouteVia.Record;
            return true;
        }

        var inSubnet = domain.TryFindSubnet(destination, out var destinationSubnet);
        var hasRoute = domain.TryRoute(destination, out var route);
        if (hasRoute && (!inSubnet || route!.Destination.Length > LongestContaining(destinationSubnet!, destination)))
        {
            via = RouteVia.CustomerRoute;
            if (route!.NextHop is { } nextHop && domain.TryGetRecord(nextHop, out target))
            {
                return true;
            }

            via = RouteVia.NoRecord;
            return false;
        }

        if (inSubnet)
        {
            via = RouteVia.NoRecord;
            return false;
        }

        via = RouteVia.GatewayWildcard;
        if (subnet is not null && subnet.TryGetGatewayWildcard(destination.IsV6, out target))
        {
            return true;
        }

        via = RouteVia.None;
        target = null;
        return false;
    }

    private static int LongestContaining(SubnetView subnet, Wire.Addressing.IpAddress address)
    {
        var longest = -1;
        foreach (var prefix in subnet.Prefixes)
        {
            if (prefix.Length > longest && prefix.Contains(address))
            {
                longest = prefix.Length;
            }
        }

        return longest;
    }

    /// <summary>
    /// The IP length of the largest packet the buffer stands for: the packet's own, or for a TCP super-frame one full
    /// segment's (its IP and TCP headers and <see cref="PacketBuffer.SegmentSize"/> bytes), since each segment travels alone.
    /// </summary>
    private static int SegmentIpLength(PacketBuffer packet, in FrameSummary summary)
    {
        var frame = packet.Data;
        if (packet.SegmentSize == 0 || summary.Protocol != IpProtocol.Tcp || summary.TransportOffset < 0 || summary.TransportOffset + 13 >= frame.Length)
        {
            return summary.IpLength;
        }

        var tcpHeaderLength = (frame[summary.TransportOffset + 12] >> 4) * 4;
        return Math.Min(summary.IpLength, summary.TransportOffset - summary.NetworkOffset + tcpHeaderLength + packet.SegmentSize);
    }

    private static void DecrementHopLimit(Span<byte> ip, bool v6)
    {
        if (v6)
        {
            Ipv6Header.TryRead(ip, out var ip6);
            ip6.HopLimit--;
        }
        else
        {
            Ipv4Header.TryRead(ip, out var ip4);
            ip4.DecrementTimeToLive();
        }
    }

    private enum RouteVia : byte
    {
        None,
        Record,
        CustomerRoute,
        GatewayWildcard,
        NoRecord,
    }
}
