using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

/// <summary>
/// The rules a typed <see cref="PolicySet"/> must keep, whoever made it: the validator (with document paths),
/// <c>PolicySnapshot.Build</c> and <c>PolicySnapshot.Apply</c> (with key paths). Every problem is reported,
/// not the first. Split by concern: domains and subnets here, records and routes in the partial files.
/// </summary>
public static partial class PolicyRules
{
    /// <summary>Checks a set; an empty list means it is valid. Fields name items by key (<c>virtualSubnets[vsid=5001]</c>).</summary>
    public static IReadOnlyList<PolicyProblem> Check(PolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var problems = new List<PolicyProblem>();
        Check(set, new KeyPaths(set), problems);
        return problems;
    }

    /// <summary>
    /// Checks part of a policy: whole routing domains with their subnets, records and routes, plus every provider
    /// address and route. <paramref name="macNeighbours"/> are records outside the part that share a MAC with a
    /// record inside it; they take part in the MAC rule only. Used by <c>PolicySnapshot.Apply</c>, which checks
    /// the routing domains a delta touches rather than the whole world.
    /// </summary>
    internal static IReadOnlyList<PolicyProblem> CheckPart(PolicySet part, IReadOnlyList<LookupRecord> macNeighbours)
    {
        var problems = new List<PolicyProblem>();
        Check(part, new KeyPaths(part), problems, macNeighbours);
        return problems;
    }

    internal static void Check(PolicySet set, PolicyPaths paths, List<PolicyProblem> problems, IReadOnlyList<LookupRecord>? macNeighbours = null)
    {
        var domains = CheckRoutingDomains(set, paths, problems);
        var subnets = CheckVirtualSubnets(set, paths, domains, problems);
        var providerAddresses = CheckProviderAddresses(set, paths, problems);
        var cas = CheckLookupRecords(set, paths, subnets, providerAddresses, macNeighbours ?? [], problems);
        CheckCustomerRoutes(set, paths, domains, subnets, cas, problems);
        CheckProviderRoutes(set, paths, problems);
    }

    private static Dictionary<Rdid, int> CheckRoutingDomains(PolicySet set, PolicyPaths paths, List<PolicyProblem> problems)
    {
        var seen = new Dictionary<Rdid, int>();
        for (var i = 0; i < set.RoutingDomains.Length; i++)
        {
            var domain = set.RoutingDomains[i];
            var path = paths.Of(PolicyKind.RoutingDomain, i);
            if (domain.Rdid.Value == Guid.Empty)
            {
                problems.Add(new($"{path}.rdid", "The RDID 00000000-0000-0000-0000-000000000000 is the empty GUID; give each routing domain its own GUID."));
            }
            else if (!seen.TryAdd(domain.Rdid, i))
            {
                problems.Add(new($"{path}.rdid", $"The RDID {domain.Rdid} is already used by {paths.Of(PolicyKind.RoutingDomain, seen[domain.Rdid])}; each routing domain needs its own RDID."));
            }

            if (string.IsNullOrWhiteSpace(domain.Name))
            {
                problems.Add(new($"{path}.name", $"The routing domain {domain.Rdid} has no name; give it a name operators will recognise."));
            }
        }

        return seen;
    }

    private static Dictionary<Vsid, VirtualSubnet> CheckVirtualSubnets(
        PolicySet set, PolicyPaths paths, Dictionary<Rdid, int> domains, List<PolicyProblem> problems)
    {
        var seen = new Dictionary<Vsid, (VirtualSubnet Subnet, int Index)>();
        var prefixesByDomain = new Dictionary<Rdid, List<(IpPrefix Prefix, string Path)>>();
        for (var i = 0; i < set.VirtualSubnets.Length; i++)
        {
            var subnet = set.VirtualSubnets[i];
            var path = paths.Of(PolicyKind.VirtualSubnet, i);
            CheckVsid(subnet.Vsid, $"{path}.vsid", problems);
            if (seen.TryGetValue(subnet.Vsid, out var first))
            {
                problems.Add(new($"{path}.vsid", $"The VSID {subnet.Vsid} is already used by {paths.Of(PolicyKind.VirtualSubnet, first.Index)}; each virtual subnet needs its own VSID."));
            }
            else
            {
                seen.Add(subnet.Vsid, (subnet, i));
            }

            if (!domains.ContainsKey(subnet.Rdid))
            {
                problems.Add(new($"{path}.rdid", $"The RDID {subnet.Rdid} names no routing domain; add it to routingDomains or use an existing RDID."));
            }

            var prefixes = subnet.Prefixes.IsDefault ? [] : subnet.Prefixes;
            var routers = subnet.DefaultRouters.IsDefault ? [] : subnet.DefaultRouters;
            if (prefixes.Length == 0)
            {
                problems.Add(new($"{path}.prefixes", $"The virtual subnet {subnet.Vsid} has no prefix; give it at least one, such as 10.0.0.0/24."));
            }
            else if (routers.Length != prefixes.Length)
            {
                problems.Add(new($"{path}.defaultRouters", $"The virtual subnet {subnet.Vsid} has {routers.Length} default routers for {prefixes.Length} prefixes; give one default router per prefix, in the same order."));
            }
            else
            {
                for (var g = 0; g < routers.Length; g++)
                {
                    if (!prefixes[g].Contains(routers[g]))
                    {
                        problems.Add(new($"{path}.defaultRouters[{g}]", $"The default router {routers[g]} is not inside its prefix {prefixes[g]}; give an address of that prefix."));
                    }
                }
            }

            if (!prefixesByDomain.TryGetValue(subnet.Rdid, out var list))
            {
                prefixesByDomain[subnet.Rdid] = list = [];
            }

            for (var p = 0; p < prefixes.Length; p++)
            {
                var prefixPath = $"{path}.prefixes[{p}]";
                foreach (var (other, otherPath) in list)
                {
                    if (other.Overlaps(prefixes[p]))
                    {
                        problems.Add(new(prefixPath, $"The prefix {prefixes[p]} overlaps {other} ({otherPath}) in routing domain {subnet.Rdid}; prefixes of one routing domain must not overlap."));
                    }
                }

                list.Add((prefixes[p], prefixPath));
            }
        }

        var subnets = new Dictionary<Vsid, VirtualSubnet>(seen.Count);
        foreach (var (vsid, entry) in seen)
        {
            subnets.Add(vsid, entry.Subnet);
        }

        return subnets;
    }

    private static void CheckVsid(Vsid vsid, string field, List<PolicyProblem> problems)
    {
        if (!vsid.IsValid)
        {
            problems.Add(new(field, $"The VSID {vsid} is reserved; expected {Vsid.Min} to {Vsid.Max} (RFC 7637 section 3.2)."));
        }
    }

    private static void CheckMetric(int metric, string field, List<PolicyProblem> problems)
    {
        if (metric < 0)
        {
            problems.Add(new(field, $"The metric {metric} is negative; expected 0 or more (lower is preferred)."));
        }
    }
}
