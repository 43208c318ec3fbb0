using System.Collections.Immutable;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Validation;

/// <summary>
/// Turns an operator's <see cref="PolicyDocument"/> into a validated <see cref="PolicySet"/>, or says everything
/// that is wrong with it: each field is read (bad GUID, address, prefix, MAC, VSID ...), then the items that
/// could be read are checked against <see cref="PolicyRules"/> with their document paths.
/// </summary>
public static class PolicyValidator
{
    /// <summary>Validates; <paramref name="set"/> is non-null exactly when the returned list is empty.</summary>
    public static IReadOnlyList<PolicyProblem> Validate(PolicyDocument document, out PolicySet? set)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<PolicyProblem>();
        var read = new FieldReader(problems);
        var paths = new DocumentPaths();

        var domains = ImmutableArray.CreateBuilder<RoutingDomain>();
        var items = document.RoutingDomains ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"routingDomains[{i}]";
            if (items[i] is not { } d)
            {
                read.Fail(path, "The routing domain entry is null; expected an object with rdid and name.");
            }
            else if (read.Rdid(d.Rdid, $"{path}.rdid", out var rdid))
            {
                domains.Add(new RoutingDomain(rdid, d.Name ?? string.Empty));
                paths.Add(PolicyKind.RoutingDomain, i);
            }
        }

        var subnets = ImmutableArray.CreateBuilder<VirtualSubnet>();
        var subnetItems = document.VirtualSubnets ?? [];
        for (var i = 0; i < subnetItems.Count; i++)
        {
            if (ReadSubnet(subnetItems[i], $"virtualSubnets[{i}]", read) is { } subnet)
            {
                subnets.Add(subnet);
                paths.Add(PolicyKind.VirtualSubnet, i);
            }
        }

        var records = ImmutableArray.CreateBuilder<LookupRecord>();
        var recordItems = document.LookupRecords ?? [];
        for (var i = 0; i < recordItems.Count; i++)
        {
            var path = $"lookupRecords[{i}]";
            var r = recordItems[i];
            if (r is null)
            {
                read.Fail(path, "The lookup record entry is null; expected an object with ca, vsid, mac and pa.");
                continue;
            }

            var ok = read.Address(r.Ca, $"{path}.ca", "CA", out var ca);
            ok &= read.Vsid(r.Vsid, $"{path}.vsid", out var vsid);
            ok &= read.Mac(r.Mac, $"{path}.mac", out var mac);
            ok &= read.Address(r.Pa, $"{path}.pa", "PA", out var pa);
            ok &= read.Rule(r.Rule, $"{path}.rule", out var rule);
            ok &= read.RecordType(r.Type, $"{path}.type", out var type);
            if (ok)
            {
                records.Add(new LookupRecord(ca, vsid, mac, pa, rule, type));
                paths.Add(PolicyKind.LookupRecord, i);
            }
        }

        var routes = ImmutableArray.CreateBuilder<CustomerRoute>();
        var routeItems = document.CustomerRoutes ?? [];
        for (var i = 0; i < routeItems.Count; i++)
        {
            if (ReadCustomerRoute(routeItems[i], $"customerRoutes[{i}]", read) is { } route)
            {
                routes.Add(route);
                paths.Add(PolicyKind.CustomerRoute, i);
            }
        }

        var providerAddresses = ImmutableArray.CreateBuilder<ProviderAddress>();
        var addressItems = document.ProviderAddresses ?? [];
        for (var i = 0; i < addressItems.Count; i++)
        {
            var path = $"providerAddresses[{i}]";
            var a = addressItems[i];
            if (a is null)
            {
                read.Fail(path, "The provider address entry is null; expected an object with host, pa and prefixLength.");
                continue;
            }

            var ok = read.Address(a.Pa, $"{path}.pa", "PA", out var pa);
            ok &= read.Required(a.PrefixLength, $"{path}.prefixLength", "prefix length", out var length);
            ok &= read.Vlan(a.Vlan, $"{path}.vlan", out var vlan);
            if (ok)
            {
                providerAddresses.Add(new ProviderAddress(a.Host ?? string.Empty, pa, length, vlan));
                paths.Add(PolicyKind.ProviderAddress, i);
            }
        }

        var providerRoutes = ImmutableArray.CreateBuilder<ProviderRoute>();
        var providerRouteItems = document.ProviderRoutes ?? [];
        for (var i = 0; i < providerRouteItems.Count; i++)
        {
            var path = $"providerRoutes[{i}]";
            var p = providerRouteItems[i];
            if (p is null)
            {
                read.Fail(path, "The provider route entry is null; expected an object with host, destination and nextHop.");
                continue;
            }

            var ok = read.Prefix(p.Destination, $"{path}.destination", out var destination);
            ok &= read.Address(p.NextHop, $"{path}.nextHop", "next hop", out var nextHop);
            if (ok)
            {
                providerRoutes.Add(new ProviderRoute(p.Host ?? string.Empty, destination, nextHop, p.Metric ?? CustomerRoute.DefaultMetric));
                paths.Add(PolicyKind.ProviderRoute, i);
            }
        }

        var candidate = new PolicySet(
            domains.ToImmutable(), subnets.ToImmutable(), records.ToImmutable(),
            routes.ToImmutable(), providerAddresses.ToImmutable(), providerRoutes.ToImmutable());
        PolicyRules.Check(candidate, paths, problems);
        set = problems.Count == 0 ? candidate : null;
        return problems;
    }

    private static VirtualSubnet? ReadSubnet(VirtualSubnetDocument? s, string path, FieldReader read)
    {
        if (s is null)
        {
            read.Fail(path, "The virtual subnet entry is null; expected an object with vsid, rdid and prefixes.");
            return null;
        }

        var ok = read.Vsid(s.Vsid, $"{path}.vsid", out var vsid);
        ok &= read.Rdid(s.Rdid, $"{path}.rdid", out var rdid);
        var prefixes = ImmutableArray.CreateBuilder<IpPrefix>();
        var prefixTexts = s.Prefixes ?? [];
        for (var p = 0; p < prefixTexts.Count; p++)
        {
            if (read.Prefix(prefixTexts[p], $"{path}.prefixes[{p}]", out var prefix))
            {
                prefixes.Add(prefix);
            }
            else
            {
                ok = false;
            }
        }

        var gateways = ImmutableArray.CreateBuilder<IpAddress>();
        if (s.Gateways is null)
        {
            for (var p = 0; ok && p < prefixes.Count; p++)
            {
                var gateway = VirtualSubnet.DefaultGateway(prefixes[p]);
                ok = prefixes[p].Contains(gateway)
                    || read.Fail($"{path}.prefixes[{p}]", $"The prefix {prefixes[p]} has no first host to be the default gateway; give a shorter prefix or list gateways.");
                gateways.Add(gateway);
            }
        }
        else
        {
            for (var g = 0; g < s.Gateways.Count; g++)
            {
                ok &= read.Address(s.Gateways[g], $"{path}.gateways[{g}]", "gateway", out var gateway);
                gateways.Add(gateway);
            }
        }

        return ok ? new VirtualSubnet(vsid, rdid, s.Name, prefixes.ToImmutable(), gateways.ToImmutable()) : null;
    }

    private static CustomerRoute? ReadCustomerRoute(CustomerRouteDocument? c, string path, FieldReader read)
    {
        if (c is null)
        {
            read.Fail(path, "The customer route entry is null; expected an object with rdid, vsid and destination.");
            return null;
        }

        var ok = read.Rdid(c.Rdid, $"{path}.rdid", out var rdid);
        ok &= read.Vsid(c.Vsid, $"{path}.vsid", out var vsid);
        ok &= read.Prefix(c.Destination, $"{path}.destination", out var destination);
        IpAddress? nextHop = null;
        if (c.NextHop is not null && !c.NextHop.Equals("on-link", StringComparison.OrdinalIgnoreCase))
        {
            ok &= read.Address(c.NextHop, $"{path}.nextHop", "next hop", out var address);
            nextHop = address;
        }

        return ok ? new CustomerRoute(rdid, vsid, destination, nextHop, c.Metric ?? CustomerRoute.DefaultMetric) : null;
    }
}
