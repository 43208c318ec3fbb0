using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Snapshots;

/// <summary>
/// A change from one revision to the next: upserts (by key) and removals (by key) of each kind.
/// <see cref="PolicySnapshot.Apply"/> applies removals first, then upserts.
/// </summary>
public sealed class PolicyDelta
{
    /// <summary>The revision of the snapshot this delta makes; must be above the current one.</summary>
    public required long Revision { get; init; }

    public ImmutableArray<RoutingDomain> UpsertRoutingDomains { get; init; } = [];

    public ImmutableArray<Rdid> RemoveRoutingDomains { get; init; } = [];

    public ImmutableArray<VirtualSubnet> UpsertVirtualSubnets { get; init; } = [];

    public ImmutableArray<Vsid> RemoveVirtualSubnets { get; init; } = [];

    public ImmutableArray<LookupRecord> UpsertLookupRecords { get; init; } = [];

    public ImmutableArray<LookupRecordKey> RemoveLookupRecords { get; init; } = [];

    public ImmutableArray<CustomerRoute> UpsertCustomerRoutes { get; init; } = [];

    public ImmutableArray<CustomerRouteKey> RemoveCustomerRoutes { get; init; } = [];

    public ImmutableArray<ProviderAddress> UpsertProviderAddresses { get; init; } = [];

    public ImmutableArray<ProviderAddressKey> RemoveProviderAddresses { get; init; } = [];

    public ImmutableArray<ProviderRoute> UpsertProviderRoutes { get; init; } = [];

    public ImmutableArray<ProviderRouteKey> RemoveProviderRoutes { get; init; } = [];
}
