using Hnv.Client.Resources;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Api;

/// <summary>
/// POST /api/v1/batch: many new items at once, created as one revision, all or nothing (for loading a large policy
/// without a request and a commit per item). Every list is optional.
/// </summary>
public sealed class BatchDocument
{
    public List<RoutingDomainDocument>? RoutingDomains { get; set; }

    public List<VirtualSubnetDocument>? VirtualSubnets { get; set; }

    public List<HostDocument>? Hosts { get; set; }

    public List<ProviderAddressDocument>? ProviderAddresses { get; set; }

    public List<ProviderRouteDocument>? ProviderRoutes { get; set; }

    public List<NetworkInterfaceDocument>? NetworkInterfaces { get; set; }

    public List<LookupRecordDocument>? LookupRecords { get; set; }

    public List<CustomerRouteDocument>? CustomerRoutes { get; set; }
}
