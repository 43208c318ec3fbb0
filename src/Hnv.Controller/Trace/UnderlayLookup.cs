using System.Globalization;
using Hnv.Client.Status;
using Hnv.Client.Trace;
using Hnv.Controller.State;
using Hnv.Forwarding.Buffers;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.Trace;

/// <summary>
/// Reverse lookup: from what the fabric shows of an NVGRE packet (outer PAs, GRE key, maybe the inner 5-tuple) to the
/// routing domain, subnet, hosts and NICs it belongs to, and what about it policy would not accept.
/// </summary>
internal static class UnderlayLookup
{
    /// <summary>The request's addresses and key, checked; null with the field's problem otherwise.</summary>
    public static (IpAddress Source, IpAddress Destination, uint Key)? Read(UnderlayTraceRequest request, List<PolicyProblem> problems)
    {
        if (!IpAddress.TryParse(request.SourcePa, out var source))
        {
            problems.Add(new PolicyProblem("sourcePa", $"'{request.SourcePa}' is not an IPv4 or IPv6 address."));
            return null;
        }

        if (!IpAddress.TryParse(request.DestinationPa, out var destination) || destination.IsV6 != source.IsV6)
        {
            problems.Add(new PolicyProblem("destinationPa", $"'{request.DestinationPa}' is not an address of the source PA's family."));
            return null;
        }

        if (!TryKey(request.Key, out var key))
        {
            problems.Add(new PolicyProblem("key", $"'{request.Key}' is not a GRE key; expected a 32-bit number, decimal or 0x and hex digits."));
            return null;
        }

        return (source, destination, key);
    }

    public static bool TryKey(string? text, out uint key)
    {
        key = 0;
        return text is not null && (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out key)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out key));
    }

    public static UnderlayTraceResult Run(ControllerState state, IpAddress sourcePa, IpAddress destinationPa, uint key, TracePacket? inner,
        Func<string, HostStatusReport?> reportOf)
    {
        var vsid = new Vsid(key >> 8);
        var result = new UnderlayTraceResult { Vsid = vsid.Value, FlowId = (int)(key & 0xFF) };
        var sourceHost = state.PaHosts.GetValueOrDefault(sourcePa);
        var destinationHost = state.PaHosts.GetValueOrDefault(destinationPa);
        result.SourceHost = sourceHost;
        result.DestinationHost = destinationHost;
        if (sourceHost is null)
        {
            result.Problems.Add($"The source PA {sourcePa} is no host's: every receiver drops it (UnknownProviderAddress).");
        }

        if (destinationHost is null)
        {
            result.Problems.Add($"The destination PA {destinationPa} is no host's.");
        }

        if (!state.Policy.TryGetSubnet(vsid, out var subnet))
        {
            result.Problems.Add($"No virtual subnet has VSID {vsid}: the receiver drops it (UnknownVsid).");
            return result;
        }

        var domain = subnet.Domain;
        result.Subnet = subnet.Name;
        result.RoutingDomain = domain.Rdid.ToString();
        result.RoutingDomainName = domain.Name;
        if (sourceHost is not null)
        {
            result.SourceNics = [.. NicsOn(state, sourceHost).Where(n => state.FindSubnet(n.Vsid)?.Rdid == domain.Rdid).Select(n => n.Name)];
        }

        if (destinationHost is not null)
        {
            result.DestinationNics = [.. NicsOn(state, destinationHost).Where(n => n.Vsid == vsid).Select(n => n.Name)];
            if (state.GatewayServes.GetValueOrDefault(destinationHost, []).Contains(domain.Rdid))
            {
                result.DestinationNics.Add(TraceNodes.OutsideName(state, domain.Rdid));
            }

            if (result.DestinationNics.Count == 0)
            {
                result.Problems.Add($"The host {destinationHost} has no NIC in VSID {vsid} and is not its domain's gateway: it drops it.");
            }
        }

        if (inner is not null)
        {
            Inner(state, domain, vsid, sourceHost, destinationHost, inner, result, reportOf);
        }

        return result;
    }

    private static void Inner(ControllerState state, Policy.Snapshots.RoutingDomainView domain, Vsid vsid, string? sourceHost, string? destinationHost,
        TracePacket inner, UnderlayTraceResult result, Func<string, HostStatusReport?> reportOf)
    {
        var source = IpAddress.Parse(inner.Source!);
        var destination = IpAddress.Parse(inner.Destination!);
        if (domain.TryGetRecord(source, out var sender))
        {
            result.SourceNic = state.RecordNics.GetValueOrDefault(new LookupRecordKey(sender.Vsid, source));
            if (state.PaHosts.GetValueOrDefault(sender.Pa) is { } home && !string.Equals(home, sourceHost, StringComparison.Ordinal))
            {
                result.Problems.Add($"The inner source {source} lives on {home}, not behind the source PA: the receiver drops it (SourcePaMismatch).");
            }
        }
        else
        {
            result.Problems.Add($"The inner source {source} is no CA of {domain.Name}: only the domain's gateway may send from outside addresses.");
        }

        if (domain.TryGetRecord(destination, out var target))
        {
            result.DestinationNic = state.RecordNics.GetValueOrDefault(new LookupRecordKey(target.Vsid, destination));
            if (target.Vsid != vsid)
            {
                result.Problems.Add($"The inner destination {destination} is in VSID {target.Vsid}, not the key's {vsid} (DestinationVsidMismatch).");
            }
            else if (state.PaHosts.GetValueOrDefault(target.Pa) is { } home && !string.Equals(home, destinationHost, StringComparison.Ordinal))
            {
                result.Problems.Add($"The inner destination {destination} lives on {home}, not behind the destination PA (DestinationNotLocal).");
            }
        }

        // The FlowID its sender puts in the key: the hash of this 5-tuple, or 0 on a host that does not hash.
        if (ProbeReader.TryProtocol(inner.Protocol, destination.IsV6, out var protocol))
        {
            var probe = new ProbeSpec("", source, destination, protocol, (ushort)(inner.SourcePort ?? 0), (ushort)(inner.DestinationPort ?? 0),
                ProbeFrame.MinLength(protocol, destination.IsV6));
            var packet = new PacketBuffer();
            ProbeFrame.Load(packet, probe, default, default);
            FrameParser.Parse(packet.Data, out var summary);
            var hashing = sourceHost is null || (reportOf(sourceHost)?.FlowIdHashing ?? true);
            result.ExpectedFlowId = hashing ? FlowHash.Compute(summary) : 0;
            result.FlowIdMatches = result.ExpectedFlowId == result.FlowId;
        }
    }

    private static IEnumerable<Model.NetworkInterface> NicsOn(ControllerState state, string host) =>
        state.NicsByHost.GetValueOrDefault(host, []).Select(name => state.Nics[name]);
}
