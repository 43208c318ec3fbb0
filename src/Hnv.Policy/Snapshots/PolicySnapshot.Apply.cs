using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Snapshots;

public sealed partial class PolicySnapshot
{
    /// <summary>
    /// Makes the snapshot of <paramref name="delta"/>'s revision: removals first, then upserts. Only the routing
    /// domains the delta touches get new tables; every other <see cref="RoutingDomainView"/> is shared by reference.
    /// The result keeps the same <see cref="PolicyRules"/> as <see cref="Build"/>, checked over the touched routing
    /// domains, every provider address and route, and the records elsewhere that share a MAC with a touched one
    /// (over everything when the delta removes a provider address). This snapshot never changes.
    /// </summary>
    /// <exception cref="PolicyValidationException">The revision does not move forward, a removal names something
    /// absent, or the result breaks a rule; <see cref="PolicyValidationException.Problems"/> says what.</exception>
    public PolicySnapshot Apply(PolicyDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Revision <= Revision)
        {
            ThrowStale(Revision, delta.Revision);
        }

        var problems = new List<PolicyProblem>();
        var drafts = new Dictionary<Rdid, DomainDraft>();
        var homes = new Dictionary<Vsid, Rdid?>();

        DomainDraft Draft(Rdid rdid)
        {
            if (!drafts.TryGetValue(rdid, out var draft))
            {
                drafts[rdid] = draft = _domains.TryGetValue(rdid, out var view) ? DomainDraft.From(view) : new DomainDraft();
            }

            return draft;
        }

        Rdid? HomeOf(Vsid vsid) =>
            homes.TryGetValue(vsid, out var home) ? home : _subnets.TryGetValue(vsid.Value, out var subnet) ? subnet.Rdid : null;

        void Absent(string field, string what) =>
            problems.Add(new PolicyProblem(field, $"The delta removes {what}, which revision {Revision} does not have; remove only what exists."));

        foreach (var key in OrEmpty(delta.RemoveLookupRecords))
        {
            if (HomeOf(key.Vsid) is not { } home || Draft(home).Records.RemoveAll(r => r.Key == key) == 0)
            {
                Absent("removeLookupRecords", $"the record of CA {key.Ca} in VSID {key.Vsid}");
            }
        }

        foreach (var key in OrEmpty(delta.RemoveCustomerRoutes))
        {
            if (!_domains.ContainsKey(key.Rdid) || Draft(key.Rdid).Routes.RemoveAll(r => r.Key == key) == 0)
            {
                Absent("removeCustomerRoutes", $"the route to {key.Destination} in VSID {key.Vsid} of routing domain {key.Rdid}");
            }
        }

        foreach (var vsid in OrEmpty(delta.RemoveVirtualSubnets))
        {
            if (HomeOf(vsid) is not { } home || Draft(home).Subnets.RemoveAll(s => s.Vsid == vsid) == 0)
            {
                Absent("removeVirtualSubnets", $"virtual subnet {vsid}");
                continue;
            }

            homes[vsid] = null;
        }

        foreach (var rdid in OrEmpty(delta.RemoveRoutingDomains))
        {
            if (!_domains.ContainsKey(rdid))
            {
                Absent("removeRoutingDomains", $"routing domain {rdid}");
                continue;
            }

            Draft(rdid).Domain = null;
        }

        foreach (var domain in OrEmpty(delta.UpsertRoutingDomains))
        {
            Draft(domain.Rdid).Domain = domain;
        }

        foreach (var subnet in OrEmpty(delta.UpsertVirtualSubnets))
        {
            var target = Draft(subnet.Rdid);
            if (HomeOf(subnet.Vsid) is { } old)
            {
                var source = Draft(old);
                source.Subnets.RemoveAll(s => s.Vsid == subnet.Vsid);
                if (old != subnet.Rdid)
                {
                    // The subnet's records live in its routing domain's tables, so they move with it.
                    target.Records.AddRange(source.Records.Where(r => r.Vsid == subnet.Vsid));
                    source.Records.RemoveAll(r => r.Vsid == subnet.Vsid);
                }
            }

            target.Subnets.Add(subnet);
            homes[subnet.Vsid] = subnet.Rdid;
        }

        foreach (var record in OrEmpty(delta.UpsertLookupRecords))
        {
            if (HomeOf(record.Vsid) is not { } home)
            {
                problems.Add(new PolicyProblem(
                    $"lookupRecords[vsid={record.Vsid},ca={record.Ca}].vsid",
                    $"The VSID {record.Vsid} names no virtual subnet; add it to virtualSubnets or use an existing VSID."));
                continue;
            }

            var records = Draft(home).Records;
            records.RemoveAll(r => r.Key == record.Key);
            records.Add(record);
        }

        foreach (var route in OrEmpty(delta.UpsertCustomerRoutes))
        {
            var routes = Draft(route.Rdid).Routes;
            routes.RemoveAll(r => r.Key == route.Key);
            routes.Add(route);
        }

        var providerAddresses = Merge(
            ProviderAddresses, OrEmpty(delta.RemoveProviderAddresses), OrEmpty(delta.UpsertProviderAddresses), static a => a.Key,
            key => Absent("removeProviderAddresses", $"PA {key.Pa} of host {key.Host}"));
        var providerRoutes = Merge(
            ProviderRoutes, OrEmpty(delta.RemoveProviderRoutes), OrEmpty(delta.UpsertProviderRoutes), static r => r.Key,
            key => Absent("removeProviderRoutes", $"the route to {key.Destination} of host {key.Host}"));

        if (problems.Count == 0)
        {
            // A removed PA may be named by a record of any domain: then check everything (rare).
            problems.AddRange(OrEmpty(delta.RemoveProviderAddresses).IsEmpty
                ? PolicyRules.CheckPart(Compose(drafts, providerAddresses, providerRoutes, withUntouched: false), MacNeighbours(drafts))
                : PolicyRules.Check(Compose(drafts, providerAddresses, providerRoutes, withUntouched: true)));
        }

        if (problems.Count != 0)
        {
            ThrowInvalid(problems);
        }

        var domains = new Dictionary<Rdid, RoutingDomainView>(_domains);
        foreach (var (rdid, draft) in drafts)
        {
            if (draft.Domain is null)
            {
                domains.Remove(rdid);
            }
            else
            {
                domains[rdid] = draft.ToView();
            }
        }

        return new PolicySnapshot(delta.Revision, domains, providerAddresses, providerRoutes);
    }

    /// <summary>The touched domains from their drafts (and, <paramref name="withUntouched"/>, the others as they are) with every PA and provider route.</summary>
    private PolicySet Compose(
        Dictionary<Rdid, DomainDraft> drafts,
        ImmutableArray<ProviderAddress> providerAddresses,
        ImmutableArray<ProviderRoute> providerRoutes,
        bool withUntouched)
    {
        var domains = ImmutableArray.CreateBuilder<RoutingDomain>();
        var subnets = ImmutableArray.CreateBuilder<VirtualSubnet>();
        var records = ImmutableArray.CreateBuilder<LookupRecord>();
        var routes = ImmutableArray.CreateBuilder<CustomerRoute>();
        foreach (var (rdid, view) in _domains)
        {
            if (withUntouched && !drafts.ContainsKey(rdid))
            {
                domains.Add(view.Domain);
                foreach (var subnet in view.Subnets)
                {
                    subnets.Add(subnet.Subnet);
                }

                records.AddRange(view.Records);
                routes.AddRange(view.Routes);
            }
        }

        foreach (var draft in drafts.Values)
        {
            if (draft.Domain is not null)
            {
                domains.Add(draft.Domain);
            }

            subnets.AddRange(draft.Subnets);
            records.AddRange(draft.Records);
            routes.AddRange(draft.Routes);
        }

        return new PolicySet(
            domains.ToImmutable(), subnets.ToImmutable(), records.ToImmutable(), routes.ToImmutable(), providerAddresses, providerRoutes);
    }

    private static ImmutableArray<T> Merge<T, TKey>(
        ImmutableArray<T> current, ImmutableArray<TKey> removals, ImmutableArray<T> upserts, Func<T, TKey> keyOf, Action<TKey> absent)
        where TKey : notnull
    {
        if (removals.IsEmpty && upserts.IsEmpty)
        {
            return current;
        }

        var items = new Dictionary<TKey, T>();
        var order = new List<TKey>();
        foreach (var item in current)
        {
            items[keyOf(item)] = item;
            order.Add(keyOf(item));
        }

        foreach (var key in removals)
        {
            if (!items.Remove(key))
            {
                absent(key);
            }
        }

        foreach (var item in upserts)
        {
            if (items.TryAdd(keyOf(item), item))
            {
                order.Add(keyOf(item));
            }
            else
            {
                items[keyOf(item)] = item;
            }
        }

        var result = ImmutableArray.CreateBuilder<T>(items.Count);
        foreach (var key in order)
        {
            if (items.Remove(key, out var item))
            {
                result.Add(item);
            }
        }

        return result.MoveToImmutable();
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
