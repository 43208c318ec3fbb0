using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;

namespace Hnv.Controller.Watch;

/// <summary>A host's view, or parts of it, as the policy documents a watch event carries.</summary>
internal static class ViewDocuments
{
    public static PolicyDocument Whole(HostView view)
    {
        var document = new PolicyDocument();
        foreach (var domain in view.Domains.Values.OrderBy(d => d.Rdid.Value))
        {
            AddDomain(document, domain);
        }

        document.ProviderAddresses.AddRange(view.ProviderAddresses.Values.OrderBy(a => a.Host, StringComparer.Ordinal).ThenBy(a => a.Pa.ToString(), StringComparer.Ordinal)
            .Select(PolicyDocuments.From));
        document.ProviderRoutes.AddRange(view.ProviderRoutes.Select(PolicyDocuments.From));
        return document;
    }

    /// <summary>The gateway part of a view, or null for a host that is no gateway.</summary>
    public static Client.Watch.GatewayView? Gateway(HostView view) =>
        view.Gateway is { } domains ? new() { Domains = [.. domains.Select(d => d.ToConfig())] } : null;

    /// <summary>A domain with everything in it, whole.</summary>
    public static void AddDomain(PolicyDocument document, RoutingDomainView domain)
    {
        document.RoutingDomains.Add(PolicyDocuments.From(domain.Domain));
        document.VirtualSubnets.AddRange(domain.Subnets.Select(s => PolicyDocuments.From(s.Subnet)));
        document.LookupRecords.AddRange(domain.Records.Select(PolicyDocuments.From));
        document.CustomerRoutes.AddRange(domain.Routes.Select(PolicyDocuments.From));
    }

    /// <summary>A domain with everything in it, by key fields only (it leaves the view).</summary>
    public static void AddDomainKeys(PolicyDocument document, RoutingDomainView domain)
    {
        document.RoutingDomains.Add(new RoutingDomainDocument { Rdid = domain.Rdid.ToString() });
        document.VirtualSubnets.AddRange(domain.Subnets.Select(s => Key(s.Subnet)));
        document.LookupRecords.AddRange(domain.Records.Select(Key));
        document.CustomerRoutes.AddRange(domain.Routes.Select(Key));
    }

    public static VirtualSubnetDocument Key(VirtualSubnet subnet) => new() { Vsid = subnet.Vsid.Value };

    public static LookupRecordDocument Key(LookupRecord record) => new() { Vsid = record.Vsid.Value, Ca = record.Ca.ToString() };

    public static CustomerRouteDocument Key(CustomerRoute route) =>
        new() { Rdid = route.Rdid.ToString(), Vsid = route.Vsid.Value, Destination = route.Destination.ToString() };

    public static ProviderAddressDocument Key(ProviderAddress address) => new() { Host = address.Host, Pa = address.Pa.ToString() };

    public static ProviderRouteDocument Key(ProviderRoute route) => new() { Host = route.Host, Destination = route.Destination.ToString() };

    public static bool IsEmpty(PolicyDocument document) =>
        document.RoutingDomains.Count == 0 && document.VirtualSubnets.Count == 0 && document.LookupRecords.Count == 0
        && document.CustomerRoutes.Count == 0 && document.ProviderAddresses.Count == 0 && document.ProviderRoutes.Count == 0;
}
