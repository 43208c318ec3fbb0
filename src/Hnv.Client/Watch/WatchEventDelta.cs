using System.Collections.Immutable;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.Client.Watch;

/// <summary>
/// Turns a <see cref="WatchEventKinds.Change"/> event into the <see cref="PolicyDelta"/> an agent applies to its
/// snapshot with <see cref="PolicySnapshot.Apply"/> (removals, then upserts). Items are read by
/// <see cref="PolicyItemReader"/>, as the controller read them when they were written; whether the result keeps the
/// model's rules is Apply's check. Fields that do not read throw <see cref="PolicyValidationException"/> naming
/// each one ("upsert.lookupRecords[2].mac"): a controller that sends one is broken.
/// </summary>
public static class WatchEventDelta
{
    /// <summary>The delta of a change event, at the event's revision.</summary>
    /// <exception cref="PolicyValidationException">An item or key of the change does not read.</exception>
    public static PolicyDelta From(WatchEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind != WatchEventKinds.Change)
        {
            throw new ArgumentException($"A delta is made from a change event, not a {change.Kind ?? "kindless"} one.", nameof(change));
        }

        var problems = new List<PolicyProblem>();
        var reader = new PolicyItemReader(problems);
        var upsert = change.Upsert ?? new PolicyDocument();
        var remove = change.Remove ?? new PolicyDocument();
        var delta = new PolicyDelta
        {
            Revision = change.Revision,
            UpsertRoutingDomains = Items(upsert.RoutingDomains, "upsert.routingDomains", (at, d) => at.Read(d)),
            RemoveRoutingDomains = Keys(remove.RoutingDomains, "remove.routingDomains", (at, d) => (at.Rdid(d.Rdid, "rdid", out var rdid), rdid)),
            UpsertVirtualSubnets = Items(upsert.VirtualSubnets, "upsert.virtualSubnets", (at, s) => at.Read(s)),
            RemoveVirtualSubnets = Keys(remove.VirtualSubnets, "remove.virtualSubnets", (at, s) => (at.Vsid(s.Vsid, "vsid", out var vsid), vsid)),
            UpsertLookupRecords = Items(upsert.LookupRecords, "upsert.lookupRecords", (at, r) => at.Read(r)),
            RemoveLookupRecords = Keys(remove.LookupRecords, "remove.lookupRecords", (at, r) =>
                (at.Vsid(r.Vsid, "vsid", out var vsid) & at.Address(r.Ca, "ca", "CA", out var ca), new LookupRecordKey(vsid, ca))),
            UpsertCustomerRoutes = Items(upsert.CustomerRoutes, "upsert.customerRoutes", (at, c) => at.Read(c)),
            RemoveCustomerRoutes = Keys(remove.CustomerRoutes, "remove.customerRoutes", (at, c) =>
                (at.Rdid(c.Rdid, "rdid", out var rdid) & at.Prefix(c.Destination, "destination", out var destination) & at.Vsid(c.Vsid, "vsid", out var vsid),
                    new CustomerRouteKey(rdid, destination, vsid))),
            UpsertProviderAddresses = Items(upsert.ProviderAddresses, "upsert.providerAddresses", (at, a) => at.Read(a)),
            RemoveProviderAddresses = Keys(remove.ProviderAddresses, "remove.providerAddresses", (at, a) =>
                (at.Name(a.Host, "host", "host", out var host) & at.Address(a.Pa, "pa", "PA", out var pa), new ProviderAddressKey(host, pa))),
            UpsertProviderRoutes = Items(upsert.ProviderRoutes, "upsert.providerRoutes", (at, r) => at.Read(r)),
            RemoveProviderRoutes = Keys(remove.ProviderRoutes, "remove.providerRoutes", (at, r) =>
                (at.Name(r.Host, "host", "host", out var host) & at.Prefix(r.Destination, "destination", out var destination), new ProviderRouteKey(host, destination))),
        };
        return problems.Count == 0 ? delta : throw new PolicyValidationException(problems);

        ImmutableArray<TItem> Items<TDocument, TItem>(IReadOnlyList<TDocument?>? documents, string list, Func<PolicyItemReader, TDocument?, TItem?> read)
            where TItem : class
        {
            var items = ImmutableArray.CreateBuilder<TItem>();
            for (var i = 0; i < (documents?.Count ?? 0); i++)
            {
                if (read(reader.At($"{list}[{i}]"), documents![i]) is { } item)
                {
                    items.Add(item);
                }
            }

            return items.ToImmutable();
        }

        ImmutableArray<TKey> Keys<TDocument, TKey>(IReadOnlyList<TDocument?>? documents, string list, Func<PolicyItemReader, TDocument, (bool Ok, TKey Key)> read)
        {
            var keys = ImmutableArray.CreateBuilder<TKey>();
            for (var i = 0; i < (documents?.Count ?? 0); i++)
            {
                if (documents![i] is not { } document)
                {
                    problems.Add(new PolicyProblem($"{list}[{i}]", "The removal entry is null; expected the key of the item to remove."));
                }
                else if (read(reader.At($"{list}[{i}]"), document) is (true, var key))
                {
                    keys.Add(key);
                }
            }

            return keys.ToImmutable();
        }
    }
}
