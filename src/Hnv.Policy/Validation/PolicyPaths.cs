namespace Hnv.Policy.Validation;

/// <summary>Names an item of a <see cref="Model.PolicySet"/> for a <see cref="PolicyProblem.Field"/>.</summary>
internal abstract class PolicyPaths
{
    /// <summary>The path of item <paramref name="index"/> of the set's list of <paramref name="kind"/>.</summary>
    public abstract string Of(PolicyKind kind, int index);

    /// <summary>The document list name of a kind: "lookupRecords".</summary>
    public static string ListName(PolicyKind kind) => kind switch
    {
        PolicyKind.RoutingDomain => "routingDomains",
        PolicyKind.VirtualSubnet => "virtualSubnets",
        PolicyKind.LookupRecord => "lookupRecords",
        PolicyKind.CustomerRoute => "customerRoutes",
        PolicyKind.ProviderAddress => "providerAddresses",
        _ => "providerRoutes",
    };
}
