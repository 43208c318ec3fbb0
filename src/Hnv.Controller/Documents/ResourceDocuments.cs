using System.Globalization;
using Hnv.Client.Resources;
using Hnv.Controller.Model;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;

namespace Hnv.Controller.Documents;

/// <summary>
/// Typed items back to the wire documents the API answers with and the store keeps: the policy model's through
/// <see cref="PolicyDocuments"/>, the controller's own (hosts, NICs) here.
/// </summary>
internal static class ResourceDocuments
{
    /// <summary>The document of any stored item.</summary>
    public static object Of(object value) => value switch
    {
        RoutingDomain d => PolicyDocuments.From(d),
        VirtualSubnet s => PolicyDocuments.From(s),
        HostEntry h => Of(h),
        ProviderAddress a => PolicyDocuments.From(a),
        ProviderRoute r => PolicyDocuments.From(r),
        NetworkInterface n => Of(n),
        LookupRecord r => PolicyDocuments.From(r),
        CustomerRoute r => PolicyDocuments.From(r),
        GatewayEntry g => Of(g),
        GatewayDomainEntry d => Of(d),
        GatewayHealth h => new GatewayHealthDocument { Gateway = h.Gateway, Alive = h.Alive },
        _ => throw new ArgumentException($"{value.GetType().Name} is not a stored resource.", nameof(value)),
    };

    public static HostDocument Of(HostEntry host) => new() { Name = host.Name, Description = host.Description };

    /// <summary>A gateway as stored: its own fields only (the answers add its PAs, liveness and domains).</summary>
    public static GatewayDocument Of(GatewayEntry gateway) => new() { Name = gateway.Name, Priority = gateway.Priority, Description = gateway.Description };

    public static GatewayDomainDocument Of(GatewayDomainEntry entry)
    {
        var config = entry.Domain.ToConfig();
        return new()
        {
            Gateway = entry.Gateway,
            RoutingDomain = config.RoutingDomain,
            Mode = config.Mode,
            ExternalAddresses = config.ExternalAddresses,
            Forwards = config.Forwards,
        };
    }

    public static NetworkInterfaceDocument Of(NetworkInterface nic) => new()
    {
        Name = nic.Name,
        Host = nic.Host,
        Vsid = nic.Vsid.Value,
        Mac = nic.Mac.ToString(),
        Addresses = [.. nic.Addresses.Select(a => a.ToString())],
    };

    /// <summary>A record as listed: its fields and where it comes from ("explicit", "nic:NAME" or "gateway:NAME", the active gateway of its domain).</summary>
    public static LookupRecordView View(LookupRecord record, string? source)
    {
        var document = PolicyDocuments.From(record);
        return new()
        {
            Ca = document.Ca,
            Vsid = document.Vsid,
            Mac = document.Mac,
            Pa = document.Pa,
            Rule = document.Rule,
            Type = document.Type,
            Source = source ?? "explicit",
        };
    }

    /// <summary>"5001" for a VSID in a message.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
