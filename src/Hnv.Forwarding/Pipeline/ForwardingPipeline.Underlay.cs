using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Tracing;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// Packets from the underlay: only NVGRE from a known PA, for a VSID, CA and MAC this host serves, from a
/// source CA that really lives behind the sending PA. Everything else is a counted drop.
/// </summary>
public static partial class ForwardingPipeline
{
    private static Verdict UnderlayIngress<TTrace>(PacketBuffer packet, NodeSnapshot node, ref TTrace trace)
        where TTrace : struct, IPipelineTrace
    {
        var reason = UnderlayDecoder.Decode(packet.Data, out var decoded);
        if (trace.IsEnabled)
        {
            trace.Step(Stage.UnderlayIngress, $"{decoded.OuterSource} -> {decoded.OuterDestination} protocol {decoded.OuterProtocol}, {packet.Length} bytes");
        }

        if (reason is DropReason.OuterMalformed or DropReason.OuterChecksumInvalid or DropReason.OuterFragment or DropReason.OuterNotGre)
        {
            return Drop(ref trace, Stage.UnderlayIngress, reason);
        }

        if (!node.Settings.IsLocalProviderAddress(decoded.OuterDestination))
        {
            return Drop(ref trace, Stage.UnderlayIngress, DropReason.OuterNotForThisHost);
        }

        // Agents accept GRE only from PAs that policy names: nobody else can inject into a virtual network.
        if (!node.Policy.IsKnownProviderAddress(decoded.OuterSource))
        {
            return Drop(ref trace, Stage.ProviderAddressCheck, DropReason.UnknownProviderAddress);
        }

        var vsid = decoded.Vsid.Value;
        if (reason != DropReason.None)
        {
            var stage = decoded.HasInner ? Stage.InnerFrameCheck : Stage.NvgreCheck;
            return Drop(ref trace, stage, reason, decoded.HasGre && decoded.Vsid.IsValid ? vsid : 0);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.NvgreCheck, $"vsid {decoded.Vsid} flowid {decoded.FlowId}; inner {decoded.Inner.Source} -> {decoded.Inner.Destination}");
        }

        if (!node.Policy.TryGetSubnet(decoded.Vsid, out var subnet))
        {
            return Drop(ref trace, Stage.NvgreCheck, DropReason.UnknownVsid, vsid);
        }

        var inner = decoded.Inner;
        var domain = subnet.Domain;
        if (!domain.TryGetRecord(inner.Destination, out var target))
        {
            return ToOutside(packet, decoded, subnet, node, ref trace);
        }

        if (target.Vsid != decoded.Vsid)
        {
            return Drop(ref trace, Stage.DestinationCheck, DropReason.DestinationVsidMismatch, vsid);
        }

        if (target.Mac != inner.DestinationMac)
        {
            return Drop(ref trace, Stage.DestinationCheck, DropReason.DestinationMacMismatch, vsid);
        }

        if (!node.Settings.IsLocalProviderAddress(target.Pa) || !node.TryGetPortByMac(target.Mac, out var egress) || egress.Vsid != decoded.Vsid)
        {
            return Drop(ref trace, Stage.DestinationCheck, DropReason.DestinationNotLocal, vsid);
        }

        if (domain.TryGetRecord(inner.Source, out var sender))
        {
            // A CA policy knows must come from the host policy puts it on, so one host cannot pose as another's VM.
            if (!node.Policy.IsSameHost(sender.Pa, decoded.OuterSource))
            {
                return Drop(ref trace, Stage.SourceCheck, DropReason.SourcePaMismatch, vsid);
            }
        }
        else if (!subnet.TryGetGatewayWildcard(inner.Source.IsV6, out var gateway) || !node.Policy.IsSameHost(gateway.Pa, decoded.OuterSource))
        {
            // A CA policy does not know can only be from outside the virtual network, through its gateway.
            return Drop(ref trace, Stage.SourceCheck, DropReason.UnknownSource, vsid);
        }

        if (trace.IsEnabled)
        {
            trace.Step(Stage.Decapsulate, $"to local port {egress.Name}");
        }

        packet.Offset += decoded.InnerOffset;
        packet.Length = decoded.InnerLength;
        return Verdict.DeliverTo(egress.Index, decoded.Vsid);
    }
}
