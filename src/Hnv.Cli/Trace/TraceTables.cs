using System.Globalization;
using Hnv.Cli.Output;
using Hnv.Client.Trace;

namespace Hnv.Cli.Trace;

/// <summary>`hnv trace` for people: the packet, the verdict, each stage per host, and the underlay crossing.</summary>
internal static class TraceTables
{
    public static void Write(TraceResult result, TextWriter output)
    {
        var packet = result.Packet!;
        var source = result.Source!;
        output.WriteLine($"packet   {Flow(packet)}, {packet.Length} bytes, from {source.Nic}{At(source.Host)} in {source.RoutingDomainName ?? source.RoutingDomain} (vsid {source.Vsid})");
        output.WriteLine($"verdict  {result.Summary}");
        if (result.ReasonDescription is { } why)
        {
            output.WriteLine($"         {why}");
        }

        output.WriteLine($"policy   revision {result.Revision}");
        output.WriteLine();
        var steps = new TextTable("HOP", "HOST", "STAGE", "WHAT");
        foreach (var step in result.Steps)
        {
            steps.Add(step.Hop.ToString(CultureInfo.InvariantCulture), step.Host ?? "-", step.Stage ?? "-", step.Message ?? "");
        }

        steps.Write(output);
        if (result.Underlay is { } u)
        {
            WriteUnderlay(u, output);
        }

        if (result.Live is { } live)
        {
            WriteLive(live, output);
        }
    }

    private static void WriteLive(LiveTrace live, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"live     probe {live.Probe}: {(live.Agrees ? "agrees with the computed trace" : "differs from the computed trace")}");
        foreach (var hop in live.Hops)
        {
            var what = hop.Verdict switch
            {
                "encapsulated" => $"sent it to {hop.OuterDestination} (key 0x{hop.Key})",
                "delivered" => $"delivered it to {hop.Port}",
                "outside" => $"sent it out through {hop.Port}",
                "dropped" => $"dropped it at {(hop.Steps.Count > 0 ? hop.Steps[^1].Stage : "?")}: {hop.Reason}",
                var other => other ?? "?",
            };
            output.WriteLine($"  {hop.Host ?? "a host"} (revision {hop.Revision}) {what}");
        }

        foreach (var difference in live.Differences)
        {
            output.WriteLine($"  differs: {difference}");
        }
    }

    private static void WriteUnderlay(TraceUnderlay u, TextWriter output)
    {
        var outer = u.Outer!;
        output.WriteLine();
        output.WriteLine($"underlay {u.SourceHost} {u.SourcePa} -> {u.DestinationHost ?? "(no host)"} {u.DestinationPa}");
        output.WriteLine($"  outer  {(outer.Family == "ipv6" ? "IPv6" : "IPv4")} {outer.Source} -> {outer.Destination}, GRE key 0x{outer.Key} (vsid {outer.Vsid}, flowid {outer.FlowId})"
            + $"{(outer.DontFragment == true ? ", DF" : "")}, hop limit {outer.HopLimit}, {outer.Length} bytes");
        output.WriteLine($"  route  {(u.NextHop is { } hop ? $"via {hop} (provider route {u.ProviderRoute})" : $"{u.SourceHost}'s own routing table (no provider route)")}");
        output.WriteLine($"  mtu    {u.Mtu}{(u.MtuAssumed ? " (assumed: the agent has not reported its MTU)" : "")}, inner packets up to {u.InnerMtu} bytes");
    }

    /// <summary>A few stable lines: verdict, then key facts as "name value".</summary>
    public static void WriteSummary(TraceResult result, TextWriter output)
    {
        output.WriteLine($"verdict {result.Verdict}");
        if (result.Reason is { } reason)
        {
            output.WriteLine($"reason {reason} at {result.Stage}");
        }

        if (result.Destination is { } d)
        {
            output.WriteLine($"to {d.Nic}{At(d.Host)}");
        }

        if (result.Underlay is { } u)
        {
            output.WriteLine($"underlay {u.SourcePa} -> {u.DestinationPa} key 0x{u.Outer?.Key}");
        }

        if (result.Live is { } live)
        {
            output.WriteLine(live.Agrees ? "live agrees" : $"live differs: {string.Join(" ", live.Differences)}");
        }
    }

    public static void Write(UnderlayTraceResult found, TextWriter output)
    {
        output.WriteLine($"vsid            {found.Vsid} ({found.Subnet ?? "-"}), flowid {found.FlowId}");
        output.WriteLine($"routing domain  {found.RoutingDomainName ?? "-"} ({found.RoutingDomain ?? "none"})");
        output.WriteLine($"from host       {found.SourceHost ?? "-"}: {List(found.SourceNics)}");
        output.WriteLine($"to host         {found.DestinationHost ?? "-"}: {List(found.DestinationNics)}");
        if (found.ExpectedFlowId is { } expected)
        {
            output.WriteLine($"inner flow      {found.SourceNic ?? "(not a NIC)"} -> {found.DestinationNic ?? "(not a NIC)"}, flowid {(found.FlowIdMatches == true ? "matches" : $"does not match (its sender puts {expected})")}");
        }

        foreach (var problem in found.Problems)
        {
            output.WriteLine($"problem         {problem}");
        }
    }

    private static string Flow(TracePacket p) => p.SourcePort is null
        ? $"{p.Protocol} {p.Source} -> {p.Destination}"
        : $"{p.Protocol} {p.Source}:{p.SourcePort} -> {p.Destination}:{p.DestinationPort}";

    private static string At(string? host) => host is null ? "" : $" on {host}";

    private static string List(List<string> nics) => nics.Count == 0 ? "(none)" : string.Join(", ", nics);
}
