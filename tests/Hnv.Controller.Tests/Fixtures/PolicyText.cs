using Hnv.Policy.Snapshots;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>A snapshot's whole content as sorted lines, so two snapshots compare by content whatever their order.</summary>
internal static class PolicyText
{
    public static string Of(PolicySnapshot snapshot)
    {
        var set = snapshot.ToPolicySet();
        var lines = new List<string>();
        lines.AddRange(set.RoutingDomains.Select(d => $"domain {d.Rdid} {d.Name}"));
        lines.AddRange(set.VirtualSubnets.Select(s => $"subnet {s.Vsid} {s.Rdid} {s.Name} {string.Join(',', s.Prefixes)} {string.Join(',', s.DefaultRouters)}"));
        lines.AddRange(set.LookupRecords.Select(r => $"record {r}"));
        lines.AddRange(set.CustomerRoutes.Select(r => $"route {r}"));
        lines.AddRange(set.ProviderAddresses.Select(a => $"pa {a}"));
        lines.AddRange(set.ProviderRoutes.Select(r => $"provider route {r}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
