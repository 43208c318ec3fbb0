using Hnv.Policy.Model;

namespace Hnv.Policy.Documents;

/// <summary>
/// Writes validated policy back as documents, in the canonical text of every value (the form
/// <see cref="Validation.PolicyValidator"/> reads back to an equal <see cref="PolicySet"/>): for disk caches,
/// the controller's answers and its watch stream.
/// </summary>
public static class PolicyDocuments
{
    /// <summary>The document of <paramref name="set"/>.</summary>
    public static PolicyDocument From(PolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new PolicyDocument
        {
            RoutingDomains = [.. set.RoutingDomains.Select(From)],
            VirtualSubnets = [.. set.VirtualSubnets.Select(From)],
            LookupRecords = [.. set.LookupRecords.Select(From)],
            CustomerRoutes = [.. set.CustomerRoutes.Select(From)],
            ProviderAddresses = [.. set.ProviderAddresses.Select(From)],
            ProviderRoutes = [.. set.ProviderRoutes.Select(From)],
        };
    }

    public static RoutingDomainDocument From(RoutingDomain domain) =>
        new() { Rdid = domain.Rdid.ToString(), Name = domain.Name };

    public static VirtualSubnetDocument From(VirtualSubnet subnet) => new()
    {
        Vsid = subnet.Vsid.Value,
        Rdid = subnet.Rdid.ToString(),
        Name = subnet.Name,
        Prefixes = [.. subnet.Prefixes.Select(p => p.ToString())],
        DefaultRouters = [.. subnet.DefaultRouters.Select(g => g.ToString())],
    };

    public static LookupRecordDocument From(LookupRecord record) => new()
    {
        Ca = record.Ca.ToString(),
        Vsid = record.Vsid.Value,
        Mac = record.Mac.ToString(),
        Pa = record.Pa.ToString(),
        Rule = record.Rule.ToString(),
        Type = record.Type.ToString(),
    };

    public static CustomerRouteDocument From(CustomerRoute route) => new()
    {
        Rdid = route.Rdid.ToString(),
        Vsid = route.Vsid.Value,
        Destination = route.Destination.ToString(),
        NextHop = route.NextHop?.ToString() ?? "on-link",
        Metric = route.Metric,
    };

    public static ProviderAddressDocument From(ProviderAddress address) =>
        new() { Host = address.Host, Pa = address.Pa.ToString(), PrefixLength = address.PrefixLength, Vlan = address.Vlan };

    public static ProviderRouteDocument From(ProviderRoute route) =>
        new() { Host = route.Host, Destination = route.Destination.ToString(), NextHop = route.NextHop.ToString(), Metric = route.Metric };
}
