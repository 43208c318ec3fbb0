using Hnv.Policy.Model;

namespace Hnv.Policy.Validation;

/// <summary>
/// Paths by key, for sets that no document lists in order (a snapshot with a delta applied):
/// <c>lookupRecords[vsid=5001,ca=10.0.0.5]</c>.
/// </summary>
internal sealed class KeyPaths(PolicySet set) : PolicyPaths
{
    /// <inheritdoc />
    public override string Of(PolicyKind kind, int index) => kind switch
    {
        PolicyKind.RoutingDomain => $"routingDomains[rdid={set.RoutingDomains[index].Rdid}]",
        PolicyKind.VirtualSubnet => $"virtualSubnets[vsid={set.VirtualSubnets[index].Vsid}]",
        PolicyKind.LookupRecord => Of(set.LookupRecords[index]),
        PolicyKind.CustomerRoute => CustomerRoute(set.CustomerRoutes[index]),
        PolicyKind.ProviderAddress => $"providerAddresses[host={set.ProviderAddresses[index].Host},pa={set.ProviderAddresses[index].Pa}]",
        _ => $"providerRoutes[host={set.ProviderRoutes[index].Host},destination={set.ProviderRoutes[index].Destination}]",
    };

    /// <summary>The key path of a record: <c>lookupRecords[vsid=5001,ca=10.0.0.5]</c>.</summary>
    public static string Of(LookupRecord record) => $"lookupRecords[vsid={record.Vsid},ca={record.Ca}]";

    private static string CustomerRoute(CustomerRoute route) =>
        $"customerRoutes[rdid={route.Rdid},vsid={route.Vsid},destination={route.Destination}]";
}
