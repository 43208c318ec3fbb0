using System.Globalization;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.Model;

/// <summary>
/// The store's key of each item: its identity fields as text, joined with '|' for composite keys
/// ("5001|10.0.0.5" for a lookup record). Addresses and prefixes are in their canonical form, so one item has one key.
/// </summary>
internal static class ResourceKeys
{
    public static string Domain(Rdid rdid) => rdid.ToString();

    public static string Subnet(Vsid vsid) => vsid.Value.ToString(CultureInfo.InvariantCulture);

    public static string Record(LookupRecordKey key) => $"{Subnet(key.Vsid)}|{key.Ca}";

    public static string CustomerRoute(CustomerRouteKey key) => $"{key.Rdid}|{Subnet(key.Vsid)}|{key.Destination}";

    public static string ProviderAddress(IpAddress pa) => pa.ToString();

    public static string ProviderRoute(ProviderRouteKey key) => $"{key.Host}|{key.Destination}";

    public static string GatewayDomain(string gateway, Rdid rdid) => $"{gateway}|{rdid}";

    /// <summary>The key of a typed item.</summary>
    public static string Of(object value) => value switch
    {
        RoutingDomain d => Domain(d.Rdid),
        VirtualSubnet s => Subnet(s.Vsid),
        HostEntry h => h.Name,
        Policy.Model.ProviderAddress a => ProviderAddress(a.Pa),
        Policy.Model.ProviderRoute r => ProviderRoute(r.Key),
        NetworkInterface n => n.Name,
        LookupRecord r => Record(r.Key),
        Policy.Model.CustomerRoute r => CustomerRoute(r.Key),
        GatewayEntry g => g.Name,
        GatewayDomainEntry d => d.Key,
        GatewayHealth h => h.Gateway,
        _ => throw new ArgumentException($"{value.GetType().Name} is not a stored resource.", nameof(value)),
    };

    /// <summary>The kind of a typed item.</summary>
    public static ResourceKind KindOf(object value) => value switch
    {
        RoutingDomain => ResourceKind.RoutingDomain,
        VirtualSubnet => ResourceKind.VirtualSubnet,
        HostEntry => ResourceKind.Host,
        Policy.Model.ProviderAddress => ResourceKind.ProviderAddress,
        Policy.Model.ProviderRoute => ResourceKind.ProviderRoute,
        NetworkInterface => ResourceKind.NetworkInterface,
        LookupRecord => ResourceKind.LookupRecord,
        Policy.Model.CustomerRoute => ResourceKind.CustomerRoute,
        GatewayEntry => ResourceKind.Gateway,
        GatewayDomainEntry => ResourceKind.GatewayDomain,
        GatewayHealth => ResourceKind.GatewayHealth,
        _ => throw new ArgumentException($"{value.GetType().Name} is not a stored resource.", nameof(value)),
    };

    public static Rdid ParseDomain(string key) => Rdid.Parse(key);

    public static Vsid ParseSubnet(string key) => new(uint.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture));

    public static LookupRecordKey ParseRecord(string key)
    {
        var parts = key.Split('|');
        return new LookupRecordKey(ParseSubnet(parts[0]), IpAddress.Parse(parts[1]));
    }

    public static CustomerRouteKey ParseCustomerRoute(string key)
    {
        var parts = key.Split('|');
        return new CustomerRouteKey(Rdid.Parse(parts[0]), IpPrefix.Parse(parts[2]), ParseSubnet(parts[1]));
    }

    public static (string Gateway, Rdid Rdid) ParseGatewayDomain(string key)
    {
        var bar = key.LastIndexOf('|');
        return (key[..bar], Rdid.Parse(key[(bar + 1)..]));
    }

    public static ProviderRouteKey ParseProviderRoute(string key)
    {
        var bar = key.LastIndexOf('|');
        return new ProviderRouteKey(key[..bar], IpPrefix.Parse(key[(bar + 1)..]));
    }
}
