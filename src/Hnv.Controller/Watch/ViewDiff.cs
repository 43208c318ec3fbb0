using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hnv.Controller.Documents;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;

namespace Hnv.Controller.Watch;

/// <summary>
/// What changed between two views of one host, as a watch event's upsert (whole items that entered or changed)
/// and remove (key fields of items that left). Applied as removals then upserts, it turns the old view into the new
/// one exactly. A routing domain whose tables are the same object in both states is skipped without a look; the
/// diff of a changed domain is computed once and shared by every host that holds it.
/// </summary>
internal static class ViewDiff
{
    private static readonly ConcurrentDictionary<(RoutingDomainView, RoutingDomainView), DomainDiff> Shared = new(new PairComparer());

    public static (PolicyDocument Upsert, PolicyDocument Remove)? Between(HostView before, HostView after)
    {
        var upsert = new PolicyDocument();
        var remove = new PolicyDocument();
        foreach (var (rdid, old) in before.Domains)
        {
            if (!after.Domains.TryGetValue(rdid, out var now))
            {
                ViewDocuments.AddDomainKeys(remove, old);
            }
            else if (!ReferenceEquals(old, now))
            {
                DomainOf(old, now).AddTo(upsert, remove);
            }
        }

        foreach (var (rdid, now) in after.Domains)
        {
            if (!before.Domains.ContainsKey(rdid))
            {
                ViewDocuments.AddDomain(upsert, now);
            }
        }

        foreach (var (pa, old) in before.ProviderAddresses)
        {
            if (!after.ProviderAddresses.TryGetValue(pa, out var now) || now.Host != old.Host)
            {
                remove.ProviderAddresses.Add(ViewDocuments.Key(old));
            }
        }

        foreach (var (pa, now) in after.ProviderAddresses)
        {
            if (!before.ProviderAddresses.TryGetValue(pa, out var old) || !Equals(old, now))
            {
                upsert.ProviderAddresses.Add(ResourceDocuments.Of(now));
            }
        }

        foreach (var old in before.ProviderRoutes)
        {
            if (!after.ProviderRoutes.Any(r => r.Key == old.Key))
            {
                remove.ProviderRoutes.Add(ViewDocuments.Key(old));
            }
        }

        foreach (var now in after.ProviderRoutes)
        {
            if (!before.ProviderRoutes.Contains(now))
            {
                upsert.ProviderRoutes.Add(ResourceDocuments.Of(now));
            }
        }

        return ViewDocuments.IsEmpty(upsert) && ViewDocuments.IsEmpty(remove) ? null : (upsert, remove);
    }

    private static DomainDiff DomainOf(RoutingDomainView old, RoutingDomainView now)
    {
        // Bounded: the states a diff is asked for are the latest few, so old pairs are never asked for again.
        if (Shared.Count > 16_384)
        {
            Shared.Clear();
        }

        return Shared.GetOrAdd((old, now), static pair => DomainDiff.Of(pair.Item1, pair.Item2));
    }

    private sealed class PairComparer : IEqualityComparer<(RoutingDomainView, RoutingDomainView)>
    {
        public bool Equals((RoutingDomainView, RoutingDomainView) x, (RoutingDomainView, RoutingDomainView) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((RoutingDomainView, RoutingDomainView) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
