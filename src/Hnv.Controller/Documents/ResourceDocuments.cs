using System.Globalization;
using Hnv.Client.Resources;
using Hnv.Controller.Model;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;

namespace Hnv.Controller.Documents;

/// <summary>Typed items back to the wire documents the API answers with and the store keeps.</summary>
internal static class ResourceDocuments
{
    /// <summary>The document of any stored item.</summary>
    public static object Of(object value) => value switch
    {
        RoutingDomain d => Of(d),
        VirtualSubnet s => Of(s),
        HostEntry h => Of(h),
        ProviderAddress a => Of(a),
        ProviderRoute r => Of(r),
        NetworkInterface n => Of(n),
        LookupRecord r => Of(r),
        CustomerRoute r => Of(r),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a stored resource.", nameof(value)),
    };

    public static RoutingDomainDocument Of(RoutingDomain domain) => new() { Rdid = domain.Rdid.ToString(), Name = domain.Name };

    public static VirtualSubnetDocument Of(VirtualSubnet subnet) => new()
    {
        Vsid = subnet.Vsid.Value,
        Rdid = subnet.Rdid.ToString(),
        Name = subnet.Name,
        Prefixes = [.. subnet.Prefixes.Select(p => p.ToString())],
        Gateways = [.. subnet.Gateways.Select(g => g.ToString())],
    };

    public static HostDocument Of(HostEntry host) => new() { Name = host.Name, Description = host.Description };

    public static ProviderAddressDocument Of(ProviderAddress address) => new()
    {
        Host = address.Host,
        Pa = address.Pa.ToString(),
        PrefixLength = address.PrefixLength,
        Vlan = address.Vlan,
    };

    public static ProviderRouteDocument Of(ProviderRoute route) => new()
    {
        Host = route.Host,
        Destination = route.Destination.ToString(),
        NextHop = route.NextHop.ToString(),
        Metric = route.Metric,
    };

    public static NetworkInterfaceDocument Of(NetworkInterface nic) => new()
    {
        Name = nic.Name,
        Host = nic.Host,
        Vsid = nic.Vsid.Value,
        Mac = nic.Mac.ToString(),
        Addresses = [.. nic.Addresses.Select(a => a.ToString())],
    };

    public static LookupRecordDocument Of(LookupRecord record) => new()
    {
        Ca = record.Ca.ToString(),
        Vsid = record.Vsid.Value,
        Mac = record.Mac.ToString(),
        Pa = record.Pa.ToString(),
        Rule = record.Rule.ToString(),
        Type = record.Type.ToString(),
    };

    public static CustomerRouteDocument Of(CustomerRoute route) => new()
    {
        Rdid = route.Rdid.ToString(),
        Vsid = route.Vsid.Value,
        Destination = route.Destination.ToString(),
        NextHop = route.NextHop?.ToString() ?? "on-link",
        Metric = route.Metric,
    };

    /// <summary>A record as listed: its fields and where it comes from ("explicit" or "nic:NAME").</summary>
    public static LookupRecordView View(LookupRecord record, string? nic) => new()
    {
        Ca = record.Ca.ToString(),
        Vsid = record.Vsid.Value,
        Mac = record.Mac.ToString(),
        Pa = record.Pa.ToString(),
        Rule = record.Rule.ToString(),
        Type = record.Type.ToString(),
        Source = nic is null ? "explicit" : "nic:" + nic,
    };

    /// <summary>"5001" for a VSID in a message.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
