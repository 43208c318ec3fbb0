namespace Hnv.Controller.Model;

/// <summary>
/// One resource written or removed by a revision: the unit of the change log. <see cref="Value"/> is the typed
/// item (RoutingDomain, VirtualSubnet, HostEntry, ProviderAddress, ProviderRoute, NetworkInterface, explicit
/// LookupRecord, CustomerRoute) or null for a removal; <see cref="Key"/> is its key as the store writes it.
/// </summary>
internal sealed record ResourceChange(ResourceKind Kind, string Key, object? Value)
{
    /// <summary>A write of <paramref name="value"/>.</summary>
    public static ResourceChange Put(object value) => new(ResourceKeys.KindOf(value), ResourceKeys.Of(value), value);

    /// <summary>A removal of the item with <paramref name="key"/>.</summary>
    public static ResourceChange Remove(ResourceKind kind, string key) => new(kind, key, null);
}
