using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// ICMP that hnv itself sends, as the subnet's default router: echo replies for its address, and the errors a
/// router owes a sender (time exceeded, fragmentation needed / packet too big), built in place in front of the
/// quoted packet.
/// </summary>
public static partial class ForwardingPipeline
{
    // RFC 1812 4.3.2.3: quote as much as fits in 576 bytes; RFC 4443 2.4(c): in the IPv6 minimum MTU, 1280.
    private const int MaxIcmpV4ErrorLength = 576;
    private const int MaxIcmpV6ErrorLength = 1280;

    private static Verdict RouterEcho<TTrace>(PacketBuffer packet, in FrameSummary summary, LocalPort port, SubnetView subnet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var frame = packet.Data[..(summary.NetworkOffset + summary.IpLength)];
        var v6 = summary.Destination.IsV6;
        var requestType = v6 ? IcmpV6.TypeEchoRequest : IcmpV4.TypeEchoRequest;
        var protocol = v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp;
        if (summary.Protocol != protocol || summary.IsFragment || summary.TransportOffset < 0
            || frame.Length - summary.TransportOffset < IcmpV4.HeaderLength || frame[summary.TransportOffset] != requestType)
        {
            // The default router address answers ping and nothing else: it is not a host with services.
            return Drop(ref trace, Stage.RouterEcho, DropReason.RouterUnsupportedProtocol, port.Vsid.Value);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.RouterEcho, $"echo request to default router {summary.Destination}: answered");
        }

        var router = summary.Destination;
        var requester = summary.Source;
        EthernetFrame.WriteHeader(frame, port.Mac, node.Settings.RouterMac, v6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);
        var icmp = frame[summary.TransportOffset..];
        var oldWord = (ushort)((icmp[0] << 8) | icmp[1]);
        icmp[0] = v6 ? IcmpV6.TypeEchoReply : IcmpV4.TypeEchoReply;
        var checksum = (ushort)((icmp[2] << 8) | icmp[3]);
        // Swapping source and destination leaves the pseudo-header sum unchanged, so only the type word moves.
        checksum = InternetChecksum.Update(checksum, oldWord, (ushort)(icmp[0] << 8 | icmp[1]));
        icmp[2] = (byte)(checksum >> 8);
        icmp[3] = (byte)checksum;
        var ip = frame[summary.NetworkOffset..];
        if (v6)
        {
            Ipv6Header.TryRead(ip, out var ip6);
            ip6.Source = router;
            ip6.Destination = requester;
            ip6.HopLimit = 64;
        }
        else
        {
            Ipv4Header.TryRead(ip, out var ip4);
            ip4.Source = router;
            ip4.Destination = requester;
            ip4.TimeToLive = 64;
            ip4.UpdateChecksum();
        }

        packet.Length = frame.Length;
        return Verdict.ReplyTo(port.Index);
    }

    /// <summary>
    /// Replaces the packet with an ICMP error to its sender, from the subnet's default router address, quoting the
    /// original IP packet (RFC 792, RFC 4443). Never answers an ICMP error with another (RFC 1122 3.2.2).
    /// </summary>
    private static Verdict IcmpError<TTrace>(PacketBuffer packet, in FrameSummary summary, LocalPort port, SubnetView subnet, NodeSnapshot node,
        Stage stage, DropReason countedAs, byte type, byte code, uint rest, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var vsid = port.Vsid.Value;
        var frame = packet.Data;
        var v6 = summary.Source.IsV6;
        if (IsIcmpError(frame, summary))
        {
            return Drop(ref trace, stage, DropReason.IcmpErrorAboutIcmpError, vsid);
        }

        if (!TryGetRouterAddress(subnet, v6, out var router))
        {
            return Drop(ref trace, stage, DropReason.NoRouterAddress, vsid);
        }

        var ipHeaderLength = v6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        var maxLength = v6 ? MaxIcmpV6ErrorLength : MaxIcmpV4ErrorLength;
        var quoteLength = Math.Min(summary.IpLength, maxLength - ipHeaderLength - IcmpV4.HeaderLength);
        var quoteAt = packet.Offset + summary.NetworkOffset;
        var start = quoteAt - IcmpV4.HeaderLength - ipHeaderLength - EthernetFrame.HeaderLength;
        if (start < 0)
        {
            return Drop(ref trace, stage, DropReason.NoHeadroom, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(stage, $"{countedAs}: ICMP{(v6 ? "v6" : "")} type {type} code {code} ({rest}) from {router} to {summary.Source}");
        }

        var messageLength = IcmpV4.HeaderLength + quoteLength;
        var reply = packet.All.Slice(start, EthernetFrame.HeaderLength + ipHeaderLength + messageLength);
        var message = reply.Slice(EthernetFrame.HeaderLength + ipHeaderLength, messageLength);
        var requester = summary.Source;
        EthernetFrame.WriteHeader(reply, port.Mac, node.Settings.RouterMac, v6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);
        IcmpHeader.WriteHeader(message, type, code, rest);
        ushort checksum;
        if (v6)
        {
            Ipv6Header.Write(reply[EthernetFrame.HeaderLength..], router, requester, IpProtocol.Icmpv6, messageLength);
            checksum = InternetChecksum.ComputeWithPseudoHeader(router, requester, IpProtocol.Icmpv6, message);
        }
        else
        {
            Ipv4Header.Write(reply[EthernetFrame.HeaderLength..], router, requester, IpProtocol.Icmp, Ipv4Header.MinLength + messageLength, dontFragment: false);
            checksum = InternetChecksum.Compute(message);
        }

        message[2] = (byte)(checksum >> 8);
        message[3] = (byte)checksum;
        packet.Offset = start;
        packet.Length = reply.Length;
        packet.SegmentSize = 0; // a reply to a super-frame (too big per segment, TTL) is one plain packet
        packet.Segments = 1;

        // The original packet is gone (counted as a drop of its reason); what leaves is the answer.
        return new Verdict(VerdictKind.Reply, countedAs, port.Index, default, port.Vsid);
    }

    private static bool TryGetRouterAddress(SubnetView subnet, bool v6, out IpAddress router)
    {
        foreach (var candidate in subnet.DefaultRouters)
        {
            if (candidate.IsV6 == v6)
            {
                router = candidate;
                return true;
            }
        }

        router = default;
        return false;
    }

    private static bool IsIcmpError(Span<byte> frame, in FrameSummary summary)
    {
        if (summary.TransportOffset < 0 || summary.TransportOffset >= frame.Length)
        {
            return summary.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6;
        }

        var type = frame[summary.TransportOffset];
        return summary.Protocol switch
        {
            IpProtocol.Icmp => type is not (IcmpV4.TypeEchoRequest or IcmpV4.TypeEchoReply or 13 or 14),
            IpProtocol.Icmpv6 => type < 128,
            _ => false,
        };
    }
}
