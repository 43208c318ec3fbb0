namespace Hnv.Policy.Documents;

/// <summary>
/// A policy as an operator writes it (JSON, camelCase): strings and numbers, unchecked.
/// <see cref="Validation.PolicyValidator"/> turns it into a <see cref="Model.PolicySet"/> or a list of problems.
/// </summary>
public sealed class PolicyDocument
{
    public List<RoutingDomainDocument> RoutingDomains { get; set; } = [];

    public List<VirtualSubnetDocument> VirtualSubnets { get; set; } = [];

    public List<LookupRecordDocument> LookupRecords { get; set; } = [];

    public List<CustomerRouteDocument> CustomerRoutes { get; set; } = [];

    public List<ProviderAddressDocument> ProviderAddresses { get; set; } = [];

    public List<ProviderRouteDocument> ProviderRoutes { get; set; } = [];
}
