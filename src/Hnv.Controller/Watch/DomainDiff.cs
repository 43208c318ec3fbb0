using Hnv.Controller.Documents;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;

namespace Hnv.Controller.Watch;

/// <summary>The change of one routing domain between two states, ready to add to any host's event.</summary>
internal sealed class DomainDiff
{
    private readonly List<RoutingDomainDocument> _upsertDomains = [];
    private readonly List<VirtualSubnetDocument> _upsertSubnets = [];
    private readonly List<VirtualSubnetDocument> _removeSubnets = [];
    private readonly List<LookupRecordDocument> _upsertRecords = [];
    private readonly List<LookupRecordDocument> _removeRecords = [];
    private readonly List<CustomerRouteDocument> _upsertRoutes = [];
    private readonly List<CustomerRouteDocument> _removeRoutes = [];

    public static DomainDiff Of(RoutingDomainView old, RoutingDomainView now)
    {
        var diff = new DomainDiff();
        if (!Equals(old.Domain, now.Domain))
        {
            diff._upsertDomains.Add(ResourceDocuments.Of(now.Domain));
        }

        Compare(old.Subnets.Select(s => s.Subnet), now.Subnets.Select(s => s.Subnet), s => s.Vsid,
            s => diff._upsertSubnets.Add(ResourceDocuments.Of(s)), s => diff._removeSubnets.Add(ViewDocuments.Key(s)));
        Compare(old.Records, now.Records, r => r.Key,
            r => diff._upsertRecords.Add(ResourceDocuments.Of(r)), r => diff._removeRecords.Add(ViewDocuments.Key(r)));
        Compare(old.Routes, now.Routes, r => r.Key,
            r => diff._upsertRoutes.Add(ResourceDocuments.Of(r)), r => diff._removeRoutes.Add(ViewDocuments.Key(r)));
        return diff;
    }

    public void AddTo(PolicyDocument upsert, PolicyDocument remove)
    {
        upsert.RoutingDomains.AddRange(_upsertDomains);
        upsert.VirtualSubnets.AddRange(_upsertSubnets);
        upsert.LookupRecords.AddRange(_upsertRecords);
        upsert.CustomerRoutes.AddRange(_upsertRoutes);
        remove.VirtualSubnets.AddRange(_removeSubnets);
        remove.LookupRecords.AddRange(_removeRecords);
        remove.CustomerRoutes.AddRange(_removeRoutes);
    }

    private static void Compare<T, TKey>(IEnumerable<T> old, IEnumerable<T> now, Func<T, TKey> key, Action<T> upsert, Action<T> remove)
        where TKey : notnull
    {
        var before = old.ToDictionary(key);
        var seen = new HashSet<TKey>();
        foreach (var item in now)
        {
            var k = key(item);
            seen.Add(k);
            if (!before.TryGetValue(k, out var previous) || !Equals(previous, item))
            {
                upsert(item);
            }
        }

        foreach (var (k, item) in before)
        {
            if (!seen.Contains(k))
            {
                remove(item);
            }
        }
    }
}
