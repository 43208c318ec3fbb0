using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

public static partial class PolicyRules
{
    private static void CheckCustomerRoutes(
        PolicySet set,
        PolicyPaths paths,
        Dictionary<Rdid, int> domains,
        Dictionary<Vsid, VirtualSubnet> subnets,
        HashSet<(Rdid, IpAddress)> cas,
        List<PolicyProblem> problems)
    {
        var keys = new Dictionary<CustomerRouteKey, int>();
        for (var i = 0; i < set.CustomerRoutes.Length; i++)
        {
            var route = set.CustomerRoutes[i];
            var path = paths.Of(PolicyKind.CustomerRoute, i);
            CheckMetric(route.Metric, $"{path}.metric", problems);
            if (!keys.TryAdd(route.Key, i))
            {
                problems.Add(new($"{path}.destination", $"The route to {route.Destination} in VSID {route.Vsid} is already given by {paths.Of(PolicyKind.CustomerRoute, keys[route.Key])}; give each destination once per VSID."));
            }

            if (!domains.ContainsKey(route.Rdid))
            {
                problems.Add(new($"{path}.rdid", $"The RDID {route.Rdid} names no routing domain; a customer route belongs to an existing routing domain."));
                continue;
            }

            if (!subnets.TryGetValue(route.Vsid, out var subnet) || subnet.Rdid != route.Rdid)
            {
                problems.Add(new($"{path}.vsid", $"The VSID {route.Vsid} is not a virtual subnet of routing domain {route.Rdid}; expected one of its VSIDs."));
            }

            if (route.NextHop is not { } nextHop)
            {
                continue;
            }

            if (nextHop.IsV6 != route.Destination.IsV6)
            {
                problems.Add(new($"{path}.nextHop", $"The next hop {nextHop} is not of the same family as the destination {route.Destination}; expected an {(route.Destination.IsV6 ? "IPv6" : "IPv4")} CA."));
            }
            else if (!cas.Contains((route.Rdid, nextHop)))
            {
                problems.Add(new($"{path}.nextHop", $"The next hop {nextHop} is not a CA of any lookup record in routing domain {route.Rdid}; expected a known CA or \"on-link\"."));
            }
        }
    }

    private static HashSet<IpAddress> CheckProviderAddresses(PolicySet set, PolicyPaths paths, List<PolicyProblem> problems)
    {
        var seen = new Dictionary<IpAddress, int>();
        for (var i = 0; i < set.ProviderAddresses.Length; i++)
        {
            var address = set.ProviderAddresses[i];
            var path = paths.Of(PolicyKind.ProviderAddress, i);
            CheckHost(address.Host, $"{path}.host", problems);
            if (address.Pa.IsUnspecified || address.Pa.IsMulticast || address.Pa.IsLimitedBroadcast)
            {
                problems.Add(new($"{path}.pa", $"The PA {address.Pa} is not a unicast address; a host's PA must be one, such as 192.0.2.10."));
            }
            else if (!seen.TryAdd(address.Pa, i))
            {
                var first = set.ProviderAddresses[seen[address.Pa]];
                problems.Add(new($"{path}.pa", $"The PA {address.Pa} is already held by host {first.Host} ({paths.Of(PolicyKind.ProviderAddress, seen[address.Pa])}); a PA belongs to one host."));
            }

            if (address.PrefixLength < 1 || address.PrefixLength > address.Pa.BitLength)
            {
                problems.Add(new($"{path}.prefixLength", $"The prefix length {address.PrefixLength} is out of range for {address.Pa}; expected 1 to {address.Pa.BitLength}."));
            }

            if (address.Vlan > ProviderAddress.MaxVlan)
            {
                problems.Add(new($"{path}.vlan", $"The VLAN {address.Vlan} is out of range; expected 0 to {ProviderAddress.MaxVlan} (IEEE 802.1Q reserves 4095)."));
            }
        }

        return [.. seen.Keys];
    }

    private static void CheckProviderRoutes(PolicySet set, PolicyPaths paths, List<PolicyProblem> problems)
    {
        var keys = new Dictionary<ProviderRouteKey, int>();
        for (var i = 0; i < set.ProviderRoutes.Length; i++)
        {
            var route = set.ProviderRoutes[i];
            var path = paths.Of(PolicyKind.ProviderRoute, i);
            CheckHost(route.Host, $"{path}.host", problems);
            CheckMetric(route.Metric, $"{path}.metric", problems);
            if (!keys.TryAdd(route.Key, i))
            {
                problems.Add(new($"{path}.destination", $"The route to {route.Destination} of host {route.Host} is already given by {paths.Of(PolicyKind.ProviderRoute, keys[route.Key])}; give each destination once per host."));
            }

            if (route.NextHop.IsV6 != route.Destination.IsV6)
            {
                problems.Add(new($"{path}.nextHop", $"The next hop {route.NextHop} is not of the same family as the destination {route.Destination}; expected an {(route.Destination.IsV6 ? "IPv6" : "IPv4")} address."));
            }
        }
    }

    private static void CheckHost(string? host, string field, List<PolicyProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            problems.Add(new(field, "The host name is empty; expected the name of the host that holds this address or route."));
        }
    }
}
