using System.Globalization;
using Hnv.Client.Status;
using Hnv.Client.Trace;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;

namespace Hnv.Controller.Trace;

/// <summary>
/// Follows a probe with the hosts' own pipeline (the one implementation of the rules): the sending host's stages, the
/// NVGRE envelope it writes and where the underlay takes it, then the receiving host's stages, to a NIC, a gateway's
/// outside, or a drop with its stage and reason.
/// </summary>
internal static class PathTracer
{
    public static TraceResult Run(ControllerState state, NetworkInterface nic, ProbeSpec probe, Func<string, HostStatusReport?> reportOf)
    {
        var result = new TraceResult
        {
            Revision = state.Revision,
            Packet = new TracePacket
            {
                Source = probe.Source.ToString(),
                Destination = probe.Destination.ToString(),
                Protocol = probe.ProtocolName,
                SourcePort = probe.HasPorts ? probe.SourcePort : null,
                DestinationPort = probe.HasPorts ? probe.DestinationPort : null,
                Length = probe.Length,
            },
            Source = Endpoint(state, nic.Host, nic.Name, nic.Vsid.Value),
        };

        var sender = TraceNodes.Of(state, nic.Host, reportOf(nic.Host));
        var port = sender.Ports.First(p => string.Equals(p.Name, nic.Name, StringComparison.Ordinal));
        var packet = new PacketBuffer();
        ProbeFrame.Load(packet, probe, nic.Mac, sender.Settings.RouterMac);
        var counters = new ForwardingCounters();
        var first = new CollectingTrace();
        var verdict = ForwardingPipeline.FromPort(packet, port.Index, sender, counters, ref first);
        AddSteps(result, 1, nic.Host, first);
        if (verdict.Kind != VerdictKind.Encapsulate)
        {
            return Finish(result, state, verdict, sender, nic.Host, first);
        }

        var pa = verdict.ProviderAddress;
        var underlay = Underlay(state, nic.Host, sender.Settings, packet, reportOf(nic.Host) is { UnderlayMtu: not null });
        result.Underlay = underlay;
        if (!state.PaHosts.TryGetValue(pa, out var receiverHost))
        {
            result.Verdict = "dropped";
            result.Stage = "Underlay";
            result.Summary = $"dropped: {pa} is no host's provider address; the envelope goes into the fabric with no host to take it";
            return result;
        }

        underlay.DestinationHost = receiverHost;
        var receiver = TraceNodes.Of(state, receiverHost, reportOf(receiverHost));
        var second = new CollectingTrace();
        verdict = ForwardingPipeline.FromUnderlay(packet, receiver, counters, ref second);
        AddSteps(result, 2, receiverHost, second);
        return Finish(result, state, verdict, receiver, receiverHost, second);
    }

    private static TraceResult Finish(TraceResult result, ControllerState state, Verdict verdict, NodeSnapshot node, string host, CollectingTrace trace)
    {
        if (verdict.Reason != Forwarding.Pipeline.DropReason.None)
        {
            result.Reason = verdict.Reason.ToString();
            result.ReasonDescription = DropReasonDescriptions.Describe(verdict.Reason);
            result.Stage = trace.Steps.Count > 0 ? trace.Steps[^1].Stage.ToString() : null;
        }

        switch (verdict.Kind)
        {
            case VerdictKind.Deliver when node.TryGetPort(verdict.Port, out var port) && port.OutsideOf is { } rdid:
                result.Verdict = "outside";
                result.Destination = new TraceEndpoint
                {
                    Host = host,
                    Gateway = host,
                    Nic = port.Name,
                    RoutingDomain = rdid.ToString(),
                    RoutingDomainName = state.FindDomain(rdid)?.Name,
                };
                result.Summary = $"outside: leaves {result.Destination.RoutingDomainName} through gateway {host}{Hops(result)}";
                break;
            case VerdictKind.Deliver when node.TryGetPort(verdict.Port, out var port):
                result.Verdict = "delivered";
                result.Destination = Endpoint(state, host, port.Name, port.Vsid.Value);
                result.Summary = $"delivered to {port.Name} on {host}{Hops(result)}";
                break;
            case VerdictKind.Reply:
                result.Verdict = "answered";
                result.Summary = verdict.Reason == Forwarding.Pipeline.DropReason.None
                    ? $"answered by {host} itself"
                    : $"answered by {host} with an ICMP error: {result.Reason} at {result.Stage}";
                break;
            default:
                result.Verdict = "dropped";
                result.Summary = $"dropped on {host} at {result.Stage}: {result.Reason}";
                break;
        }

        return result;
    }

    private static string Hops(TraceResult result) =>
        result.Underlay is { } u ? $", over NVGRE {u.SourcePa} -> {u.DestinationPa} key 0x{u.Outer?.Key}" : " (on the same host)";

    private static TraceUnderlay Underlay(ControllerState state, string host, NodeSettings settings, PacketBuffer packet, bool reported)
    {
        UnderlayDecoder.Decode(packet.Data, out var outer);
        var bytes = packet.Data;
        var v6 = outer.OuterDestination.IsV6;
        var header = new TraceOuterHeader
        {
            Source = outer.OuterSource.ToString(),
            Destination = outer.OuterDestination.ToString(),
            Family = v6 ? "ipv6" : "ipv4",
            Key = ((outer.Vsid.Value << 8) | outer.FlowId).ToString("x8", CultureInfo.InvariantCulture),
            Vsid = outer.Vsid.Value,
            FlowId = outer.FlowId,
            Length = packet.Length,
        };
        if (v6)
        {
            Wire.Ip.Ipv6Header.TryRead(bytes, out var ip6);
            header.HopLimit = ip6.HopLimit;
        }
        else
        {
            Wire.Ip.Ipv4Header.TryRead(bytes, out var ip4);
            header.HopLimit = ip4.TimeToLive;
            header.DontFragment = ip4.DontFragment;
        }

        var route = state.HostRoutes.GetValueOrDefault(host, []).Where(r => r.Destination.Contains(outer.OuterDestination))
            .OrderByDescending(r => r.Destination.Length).ThenBy(r => r.Metric).FirstOrDefault();
        return new TraceUnderlay
        {
            SourceHost = host,
            SourcePa = header.Source,
            DestinationPa = header.Destination,
            NextHop = route?.NextHop.ToString(),
            ProviderRoute = route?.Destination.ToString(),
            Mtu = settings.UnderlayMtu,
            MtuAssumed = !reported,
            InnerMtu = settings.InnerIpMtu(v6),
            Outer = header,
        };
    }

    private static void AddSteps(TraceResult result, int hop, string host, CollectingTrace trace) =>
        result.Steps.AddRange(trace.Steps.Select(s => new TraceStepView { Hop = hop, Host = host, Stage = s.Stage.ToString(), Message = s.Message }));

    private static TraceEndpoint Endpoint(ControllerState state, string host, string nic, uint vsid)
    {
        var subnet = state.FindSubnet(new Wire.Tunnel.Vsid(vsid));
        var pas = state.HostPas.GetValueOrDefault(host, []);
        return new TraceEndpoint
        {
            Host = host,
            Nic = nic,
            Vsid = vsid,
            RoutingDomain = subnet?.Rdid.ToString(),
            RoutingDomainName = subnet is null ? null : state.FindDomain(subnet.Rdid)?.Name,
            ProviderAddress = pas.IsDefaultOrEmpty ? null : pas[0].Pa.ToString(),
        };
    }
}
