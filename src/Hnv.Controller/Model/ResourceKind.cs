namespace Hnv.Controller.Model;

/// <summary>The kinds of resource the controller stores; the names are the store's and the change log's.</summary>
internal enum ResourceKind
{
    RoutingDomain,
    VirtualSubnet,
    Host,
    ProviderAddress,
    ProviderRoute,
    NetworkInterface,
    LookupRecord,
    CustomerRoute,
    Gateway,
    GatewayDomain,
    GatewayHealth,
}
