using System.Globalization;
using Hnv.Client;
using Hnv.Client.Trace;

namespace Hnv.Cli.Decode;

/// <summary>
/// `hnv decode --policy`: asks the controller's reverse lookup (POST /trace/underlay) about each NVGRE packet, once per
/// distinct outer pair, key and inner flow, and adds its answer to the packet.
/// </summary>
internal sealed class PolicyLookup(HnvClient client)
{
    private readonly Dictionary<string, DecodedPolicy> _answers = new(StringComparer.Ordinal);

    public DecodedPacket Enrich(DecodedPacket packet)
    {
        if (packet is not { Outer: { } outer, Key: { } key })
        {
            return packet;
        }

        var inner = packet.Inner is { Src: { } src, Dst: { } dst, Protocol: var protocol } i && protocol is "tcp" or "udp" or "icmp" or "icmpv6"
            ? new TracePacket { Source = src, Destination = dst, Protocol = protocol, SourcePort = i.SrcPort, DestinationPort = i.DstPort }
            : null;
        var cacheKey = string.Join('|', outer.Src, outer.Dst, key, inner?.Source, inner?.Destination, inner?.Protocol,
            inner?.SourcePort?.ToString(CultureInfo.InvariantCulture), inner?.DestinationPort?.ToString(CultureInfo.InvariantCulture));
        if (!_answers.TryGetValue(cacheKey, out var answer))
        {
            _answers[cacheKey] = answer = Ask(outer.Src, outer.Dst, key, inner);
        }

        return packet with { Policy = answer };
    }

    private DecodedPolicy Ask(string source, string destination, string key, TracePacket? inner)
    {
        try
        {
            var found = client.TraceUnderlayAsync(new UnderlayTraceRequest { SourcePa = source, DestinationPa = destination, Key = key, Inner = inner })
                .GetAwaiter().GetResult();
            return new DecodedPolicy
            {
                RoutingDomain = found.RoutingDomainName ?? found.RoutingDomain,
                SourceHost = found.SourceHost,
                DestinationHost = found.DestinationHost,
                SourceNic = found.SourceNic,
                DestinationNic = found.DestinationNic,
                FlowIdMatches = found.FlowIdMatches,
                Problems = found.Problems,
            };
        }
        catch (HnvApiException e) when (e.Status != 0)
        {
            return new DecodedPolicy { Problems = [e.Message] }; // the controller refused this one (say, a subnet the token may not see)
        }
    }
}
