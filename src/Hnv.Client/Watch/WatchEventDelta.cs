using System.Collections.Immutable;
using System.Globalization;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Client.Watch;

/// <summary>
/// Turns a <see cref="WatchEventKinds.Change"/> event into the <see cref="PolicyDelta"/> an agent applies to its
/// snapshot with <see cref="PolicySnapshot.Apply"/> (removals, then upserts). The items are read as they are;
/// whether the result keeps the model's rules is Apply's check. A field that does not read throws
/// <see cref="FormatException"/> naming it (a controller that sends one is broken).
/// </summary>
public static class WatchEventDelta
{
    /// <summary>The delta of a change event, at the event's revision.</summary>
    public static PolicyDelta From(WatchEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind != WatchEventKinds.Change)
        {
            throw new ArgumentException($"A delta is made from a change event, not a {change.Kind ?? "kindless"} one.", nameof(change));
        }

        var upsert = change.Upsert ?? new PolicyDocument();
        var remove = change.Remove ?? new PolicyDocument();
        return new PolicyDelta
        {
            Revision = change.Revision,
            UpsertRoutingDomains = [.. upsert.RoutingDomains.Select(d => new RoutingDomain(Rdid(d.Rdid, "routingDomains.rdid"), d.Name ?? string.Empty))],
            RemoveRoutingDomains = [.. remove.RoutingDomains.Select(d => Rdid(d.Rdid, "routingDomains.rdid"))],
            UpsertVirtualSubnets = [.. upsert.VirtualSubnets.Select(Subnet)],
            RemoveVirtualSubnets = [.. remove.VirtualSubnets.Select(s => Vsid(s.Vsid, "virtualSubnets.vsid"))],
            UpsertLookupRecords = [.. upsert.LookupRecords.Select(Record)],
            RemoveLookupRecords = [.. remove.LookupRecords.Select(r => new LookupRecordKey(Vsid(r.Vsid, "lookupRecords.vsid"), Address(r.Ca, "lookupRecords.ca")))],
            UpsertCustomerRoutes = [.. upsert.CustomerRoutes.Select(CustomerRoute)],
            RemoveCustomerRoutes = [.. remove.CustomerRoutes.Select(r => new CustomerRouteKey(
                Rdid(r.Rdid, "customerRoutes.rdid"), Prefix(r.Destination, "customerRoutes.destination"), Vsid(r.Vsid, "customerRoutes.vsid")))],
            UpsertProviderAddresses = [.. upsert.ProviderAddresses.Select(a => new ProviderAddress(
                a.Host ?? string.Empty, Address(a.Pa, "providerAddresses.pa"), a.PrefixLength ?? 0, a.Vlan is { } vlan ? checked((ushort)vlan) : null))],
            RemoveProviderAddresses = [.. remove.ProviderAddresses.Select(a => new ProviderAddressKey(a.Host ?? string.Empty, Address(a.Pa, "providerAddresses.pa")))],
            UpsertProviderRoutes = [.. upsert.ProviderRoutes.Select(r => new ProviderRoute(
                r.Host ?? string.Empty, Prefix(r.Destination, "providerRoutes.destination"), Address(r.NextHop, "providerRoutes.nextHop"), r.Metric ?? Policy.Model.CustomerRoute.DefaultMetric))],
            RemoveProviderRoutes = [.. remove.ProviderRoutes.Select(r => new ProviderRouteKey(r.Host ?? string.Empty, Prefix(r.Destination, "providerRoutes.destination")))],
        };
    }

    private static VirtualSubnet Subnet(VirtualSubnetDocument s)
    {
        var prefixes = (s.Prefixes ?? []).Select(p => Prefix(p, "virtualSubnets.prefixes")).ToImmutableArray();
        var gateways = s.Gateways is null
            ? prefixes.Select(VirtualSubnet.DefaultGateway).ToImmutableArray()
            : s.Gateways.Select(g => Address(g, "virtualSubnets.gateways")).ToImmutableArray();
        return new VirtualSubnet(Vsid(s.Vsid, "virtualSubnets.vsid"), Rdid(s.Rdid, "virtualSubnets.rdid"), s.Name, prefixes, gateways);
    }

    private static LookupRecord Record(LookupRecordDocument r) => new(
        Address(r.Ca, "lookupRecords.ca"),
        Vsid(r.Vsid, "lookupRecords.vsid"),
        MacAddress.TryParse(r.Mac, out var mac) ? mac : throw Bad("lookupRecords.mac", r.Mac),
        Address(r.Pa, "lookupRecords.pa"),
        r.Rule is null ? LookupRule.Encap : Enum.TryParse<LookupRule>(r.Rule, ignoreCase: true, out var rule) ? rule : throw Bad("lookupRecords.rule", r.Rule),
        r.Type is null ? LookupRecordType.Static : Enum.TryParse<LookupRecordType>(r.Type, ignoreCase: true, out var type) ? type : throw Bad("lookupRecords.type", r.Type));

    private static CustomerRoute CustomerRoute(CustomerRouteDocument c) => new(
        Rdid(c.Rdid, "customerRoutes.rdid"),
        Vsid(c.Vsid, "customerRoutes.vsid"),
        Prefix(c.Destination, "customerRoutes.destination"),
        c.NextHop is null || c.NextHop.Equals("on-link", StringComparison.OrdinalIgnoreCase) ? null : Address(c.NextHop, "customerRoutes.nextHop"),
        c.Metric ?? Policy.Model.CustomerRoute.DefaultMetric);

    private static Rdid Rdid(string? text, string field) => Policy.Model.Rdid.TryParse(text, out var rdid) ? rdid : throw Bad(field, text);

    private static Vsid Vsid(long? value, string field) =>
        value is >= 0 and <= uint.MaxValue ? new Vsid((uint)value.Value) : throw Bad(field, value?.ToString(CultureInfo.InvariantCulture));

    private static IpAddress Address(string? text, string field) => IpAddress.TryParse(text, out var address) ? address : throw Bad(field, text);

    private static IpPrefix Prefix(string? text, string field) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw Bad(field, text);

    private static FormatException Bad(string field, string? text) =>
        new($"The watch event's {field} '{text ?? "(missing)"}' does not read; the controller sent a broken change.");
}
