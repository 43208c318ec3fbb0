using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ethernet;

namespace Hnv.Forwarding.Pipeline;

/// <summary>The ARP proxy: every ARP request is answered here from policy, or dropped; none is flooded.</summary>
public static partial class ForwardingPipeline
{
    private static Verdict ArpProxy<TTrace>(PacketBuffer packet, LocalPort port, SubnetView subnet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var frame = packet.Data;
        var vsid = port.Vsid.Value;
        if (!ArpPacket.TryRead(frame[EthernetFrame.HeaderLength..], out var arp))
        {
            return Drop(ref trace, Stage.ArpProxy, DropReason.ArpMalformed, vsid);
        }

        if (arp.Operation != ArpPacket.OperationRequest)
        {
            // Replies and announcements have no one to go to: every neighbour's answer comes from policy.
            return Drop(ref trace, Stage.ArpProxy, DropReason.ArpNotRequest, vsid);
        }

        var senderIp = arp.SenderIp;
        var targetIp = arp.TargetIp;
        if (arp.SenderMac != port.Mac || !(port.Owns(senderIp) || senderIp.IsUnspecified))
        {
            return Drop(ref trace, Stage.ArpProxy, DropReason.ArpSpoofed, vsid);
        }

        if (port.Owns(targetIp))
        {
            // A probe or announcement of the VM's own address (RFC 5227): policy already made it unique.
            return Drop(ref trace, Stage.ArpProxy, DropReason.ArpOwnAddress, vsid);
        }

        if (!TryResolveNeighbor(targetIp, port, subnet, node, out var answer, out _))
        {
            return Drop(ref trace, Stage.ArpProxy, DropReason.ArpUnknownTarget, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.ArpProxy, $"who-has {targetIp}: answered {answer} from policy");
        }

        // Turn the request into the reply where it lies.
        EthernetFrame.WriteHeader(frame, port.Mac, answer, EtherTypes.Arp);
        ArpPacket.Write(frame[EthernetFrame.HeaderLength..], ArpPacket.OperationReply, answer, targetIp, port.Mac, senderIp);
        packet.Length = EthernetFrame.HeaderLength + ArpPacket.Length;
        return Verdict.ReplyTo(port.Index);
    }

    /// <summary>
    /// The MAC a VM should use for an on-link neighbour: the router MAC for its subnet's default router address, the
    /// NIC's own MAC for a CA of the same virtual subnet that policy knows. Nothing for anything else.
    /// </summary>
    private static bool TryResolveNeighbor(IpAddress target, LocalPort port, SubnetView subnet, NodeSnapshot node, out MacAddress mac, out bool isRouter)
    {
        isRouter = subnet.IsRouterAddress(target);
        if (isRouter)
        {
            mac = node.Settings.RouterMac;
            return true;
        }

        if (subnet.ContainsOnLink(target) && subnet.Domain.TryGetRecord(target, out var record) && record.Vsid == port.Vsid)
        {
            mac = record.Mac;
            return true;
        }

        mac = default;
        return false;
    }
}
