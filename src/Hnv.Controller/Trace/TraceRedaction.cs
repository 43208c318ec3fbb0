using Hnv.Client.Trace;
using Hnv.Controller.State;

namespace Hnv.Controller.Trace;

/// <summary>
/// A trace for a token limited to routing domains: its packet's logical path and verdict, without the physical network
/// (host names, PAs, the underlay), which is the operators' to see.
/// </summary>
internal static class TraceRedaction
{
    public const string Hidden = "(provider address)";

    public static TraceResult Of(TraceResult result, ControllerState state)
    {
        var pas = state.PaHosts.Keys.Select(pa => pa.ToString()).OrderByDescending(text => text.Length).ToList();
        string? Scrub(string? text)
        {
            if (text is null)
            {
                return null;
            }

            foreach (var pa in pas)
            {
                text = text.Replace(pa, Hidden, StringComparison.Ordinal);
            }

            return text;
        }

        foreach (var step in result.Steps)
        {
            step.Host = null;
            step.Message = Scrub(step.Message);
        }

        foreach (var end in new[] { result.Source, result.Destination })
        {
            if (end is not null)
            {
                end.Host = null;
                end.Gateway = end.Gateway is null ? null : "gateway";
                end.ProviderAddress = null;
            }
        }

        result.Underlay = null;
        if (result.Live is { } live)
        {
            foreach (var hop in live.Hops)
            {
                hop.Host = null;
                hop.OuterSource = hop.OuterDestination = null;
                hop.Steps.ForEach(s => (s.Host, s.Message) = (null, Scrub(s.Message)));
            }

            live.Differences = [.. live.Differences.Select(d => Scrub(d)!)];
        }

        result.Summary = result.Verdict switch
        {
            "delivered" => $"delivered to {result.Destination?.Nic}",
            "outside" => $"outside: leaves {result.Destination?.RoutingDomainName} through its gateway",
            "answered" => result.Reason is null ? "answered by the host itself" : $"answered with an ICMP error: {result.Reason} at {result.Stage}",
            _ => $"dropped at {result.Stage}: {result.Reason}",
        };
        return result;
    }
}
