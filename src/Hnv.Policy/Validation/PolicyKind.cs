namespace Hnv.Policy.Validation;

/// <summary>The six kinds of policy item, as named in a document.</summary>
internal enum PolicyKind
{
    RoutingDomain,
    VirtualSubnet,
    LookupRecord,
    CustomerRoute,
    ProviderAddress,
    ProviderRoute,
}
