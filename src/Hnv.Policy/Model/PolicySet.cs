using System.Collections.Immutable;

namespace Hnv.Policy.Model;

/// <summary>
/// A validated policy: every kind of item as an immutable list. Made by
/// <see cref="Validation.PolicyValidator"/> from a document, or by a snapshot from its tables.
/// </summary>
public sealed class PolicySet
{
    /// <summary>Creates a set; a default array counts as empty.</summary>
    public PolicySet(
        ImmutableArray<RoutingDomain> routingDomains,
        ImmutableArray<VirtualSubnet> virtualSubnets,
        ImmutableArray<LookupRecord> lookupRecords,
        ImmutableArray<CustomerRoute> customerRoutes,
        ImmutableArray<ProviderAddress> providerAddresses,
        ImmutableArray<ProviderRoute> providerRoutes)
    {
        RoutingDomains = routingDomains.IsDefault ? [] : routingDomains;
        VirtualSubnets = virtualSubnets.IsDefault ? [] : virtualSubnets;
        LookupRecords = lookupRecords.IsDefault ? [] : lookupRecords;
        CustomerRoutes = customerRoutes.IsDefault ? [] : customerRoutes;
        ProviderAddresses = providerAddresses.IsDefault ? [] : providerAddresses;
        ProviderRoutes = providerRoutes.IsDefault ? [] : providerRoutes;
    }

    /// <summary>A set with nothing in it.</summary>
    public static PolicySet Empty { get; } = new([], [], [], [], [], []);

    public ImmutableArray<RoutingDomain> RoutingDomains { get; }

    public ImmutableArray<VirtualSubnet> VirtualSubnets { get; }

    public ImmutableArray<LookupRecord> LookupRecords { get; }

    public ImmutableArray<CustomerRoute> CustomerRoutes { get; }

    public ImmutableArray<ProviderAddress> ProviderAddresses { get; }

    public ImmutableArray<ProviderRoute> ProviderRoutes { get; }
}
