using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// The forwarding pipeline: one pure function from (packet, where it came from, node snapshot) to a
/// <see cref="Verdict"/>. No I/O, no threads, no allocation per packet; the packet is rewritten in place in
/// its buffer (answers, envelopes and ICMP errors go into the headroom). Stages run in the order of
/// <see cref="Stage"/>; docs/pipeline.md has one section per stage.
/// Split by concern: <c>.Port.cs</c> (frames from VMs), <c>.Arp.cs</c>, <c>.Nd.cs</c>, <c>.Icmp.cs</c>,
/// <c>.Route.cs</c> and <c>.Underlay.cs</c>.
/// </summary>
public static partial class ForwardingPipeline
{
    /// <summary>A frame a VM sent on local port <paramref name="portIndex"/>, untraced.</summary>
    public static Verdict FromPort(PacketBuffer packet, int portIndex, NodeSnapshot node, ForwardingCounters counters)
    {
        var trace = default(NoTrace);
        return FromPort(packet, portIndex, node, counters, ref trace);
    }

    /// <summary>A frame a VM sent on local port <paramref name="portIndex"/>.</summary>
    public static Verdict FromPort<TTrace>(PacketBuffer packet, int portIndex, NodeSnapshot node, ForwardingCounters counters, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var ingress = counters.Port(portIndex);
        var packets = packet.Segments; // an ICMP error in reply to a super-frame is one packet again
        ingress.ReceivedPackets += packets;
        ingress.ReceivedBytes += packet.Length;
        var verdict = PortIngress(packet, portIndex, node, ref trace);
        Account(verdict, packet.Length, packets, counters, ingress, fromUnderlay: false);
        return verdict;
    }

    /// <summary>An outer IP packet (starting at its IP header) received on the underlay, untraced.</summary>
    public static Verdict FromUnderlay(PacketBuffer packet, NodeSnapshot node, ForwardingCounters counters)
    {
        var trace = default(NoTrace);
        return FromUnderlay(packet, node, counters, ref trace);
    }

    /// <summary>An outer IP packet (starting at its IP header) received on the underlay.</summary>
    public static Verdict FromUnderlay<TTrace>(PacketBuffer packet, NodeSnapshot node, ForwardingCounters counters, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var verdict = UnderlayIngress(packet, node, ref trace);
        Account(verdict, packet.Length, packet.Segments, counters, ingress: null, fromUnderlay: true);
        return verdict;
    }

    /// <summary>
    /// Counts the verdict. <paramref name="packets"/> is what the buffer stands for (a super-frame from the underlay
    /// counts its segments), so what one host encapsulated and another decapsulated still add up.
    /// </summary>
    private static void Account(Verdict verdict, int length, int packets, ForwardingCounters counters, PortCounters? ingress, bool fromUnderlay)
    {
        if (verdict.Reason != DropReason.None)
        {
            // Also for a Reply that replaced the packet with an ICMP error: the original was dropped.
            counters.CountDrop(verdict.Reason, packets);
        }

        switch (verdict.Kind)
        {
            case VerdictKind.Drop:
                if (ingress is not null)
                {
                    ingress.Dropped++;
                }

                if (verdict.Vsid.Value != 0)
                {
                    counters.Vsid(verdict.Vsid.Value).Dropped += packets;
                }

                break;
            case VerdictKind.Deliver:
                var egress = counters.Port(verdict.Port);
                egress.SentPackets += packets;
                egress.SentBytes += length;
                var vsid = counters.Vsid(verdict.Vsid.Value);
                if (fromUnderlay)
                {
                    vsid.DecapsulatedPackets += packets;
                    vsid.DecapsulatedBytes += length;
                }
                else
                {
                    vsid.LocalPackets += packets;
                }

                break;
            case VerdictKind.Reply:
                var back = counters.Port(verdict.Port);
                back.SentPackets++;
                back.SentBytes += length;
                break;
            case VerdictKind.Encapsulate:
                var encapsulated = counters.Vsid(verdict.Vsid.Value);
                encapsulated.EncapsulatedPackets += packets;
                encapsulated.EncapsulatedBytes += length;
                break;
        }
    }

    private static Verdict Drop<TTrace>(ref TTrace trace, Stage stage, DropReason reason, uint vsid = 0)
        where TTrace : struct, IPipelineTrace
    {
        if (trace.IsEnabled)
        {
            trace.Step(stage, $"drop: {reason}");
        }

        return new Verdict(VerdictKind.Drop, reason, -1, default, new Wire.Tunnel.Vsid(vsid));
    }
}
