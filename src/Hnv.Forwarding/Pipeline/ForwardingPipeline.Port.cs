using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>Frames from a VM port: ingress checks, the source guard, and dispatch to ARP, ND, echo and routing.</summary>
public static partial class ForwardingPipeline
{
    private static Verdict PortIngress<TTrace>(PacketBuffer packet, int portIndex, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        if (!node.TryGetPort(portIndex, out var port))
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.UnknownPort);
        }

        var frame = packet.Data;
        if (!EthernetFrame.TryRead(frame, out var eth))
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.FrameTruncated);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.PortIngress, $"port {port.Name} (vsid {port.Vsid}): {eth.Source} -> {eth.Destination} type 0x{eth.EtherType:x4}, {frame.Length} bytes");
        }

        if (eth.HasVlanTag)
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.VlanTagged, port.Vsid.Value);
        }

        // The source guard's MAC half: a VM sends only from its own MAC (no one can pose as another NIC).
        if (eth.Source != port.Mac)
        {
            return Drop(ref trace, Stage.SourceGuard, DropReason.SourceMacSpoofed, port.Vsid.Value);
        }

        if (port.OutsideOf is not null)
        {
            return OutsideIngress(packet, portIndex, port, eth.EtherType, node, ref trace);
        }

        if (!node.TryGetPortSubnet(portIndex, out var subnet))
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.UnknownVsid, port.Vsid.Value);
        }

        var etherType = eth.EtherType;
        if (etherType == EtherTypes.Arp)
        {
            return ArpProxy(packet, port, subnet, node, ref trace);
        }

        if (etherType is not (EtherTypes.Ipv4 or EtherTypes.Ipv6))
        {
            // Layer 3 everywhere: nothing but IP (and the ARP/ND answered here) leaves a VM's port.
            return Drop(ref trace, Stage.PortIngress, DropReason.NonIp, port.Vsid.Value);
        }

        if (FrameParser.Parse(frame, out var summary) != ParseError.None)
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.MalformedIp, port.Vsid.Value);
        }

        if (summary.Protocol == IpProtocol.Icmpv6 && IsNeighborDiscovery(frame, summary))
        {
            return NdProxy(packet, summary, port, subnet, node, ref trace);
        }

        var destination = summary.Destination;
        if (destination.IsMulticast || (destination.IsV4 && destination.V4Value == uint.MaxValue))
        {
            return Drop(ref trace, Stage.PortIngress, DropReason.MulticastDestination, port.Vsid.Value);
        }

        // The source guard's IP half: a VM sends only from its own CAs.
        if (!port.Owns(summary.Source))
        {
            return Drop(ref trace, Stage.SourceGuard, DropReason.SourceIpSpoofed, port.Vsid.Value);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.SourceGuard, $"{summary.Source} is {port.Name}'s own CA; {ProtocolName(summary.Protocol)} to {destination}");
        }

        if (destination.IsV6LinkLocal)
        {
            // Link-local unicast between VMs would need a shared link; hnv routes, so there is none.
            return Drop(ref trace, Stage.Route, DropReason.LinkLocalDestination, port.Vsid.Value);
        }

        if (subnet.IsRouterAddress(destination))
        {
            return RouterEcho(packet, summary, port, subnet, node, ref trace);
        }

        return Route(packet, summary, port, subnet, node, ref trace);
    }

    private static bool IsNeighborDiscovery(Span<byte> frame, in FrameSummary summary) =>
        summary.TransportOffset >= 0 && summary.TransportOffset < frame.Length
        && frame[summary.TransportOffset] is >= IcmpV6.TypeRouterSolicitation and <= IcmpV6.TypeRedirect;

    private static string ProtocolName(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => "tcp",
        IpProtocol.Udp => "udp",
        IpProtocol.Icmp => "icmp",
        IpProtocol.Icmpv6 => "icmpv6",
        _ => $"protocol {protocol}",
    };
}
