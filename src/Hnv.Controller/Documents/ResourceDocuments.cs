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
        _ => throw new ArgumentException($"{value.GetType().Name} is not a stored resource.", nameof(value)),
    };

    public static HostDocument Of(HostEntry host) => new() { Name = host.Name, Description = host.Description };

    public static NetworkInterfaceDocument Of(NetworkInterface nic) => new()
    {
        Name = nic.Name,
        Host = nic.Host,
        Vsid = nic.Vsid.Value,
        Mac = nic.Mac.ToString(),
        Addresses = [.. nic.Addresses.Select(a => a.ToString())],
    };

    /// <summary>A record as listed: its fields and where it comes from ("explicit" or "nic:NAME").</summary>
    public static LookupRecordView View(LookupRecord record, string? nic)
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
            Source = nic is null ? "explicit" : "nic:" + nic,
        };
    }

    /// <summary>"5001" for a VSID in a message.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
