using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Snapshots;

/// <summary>
/// One routing domain's tables: lookup records by CA, customer routes and subnet prefixes by longest-prefix
/// match. Immutable and shared by reference between snapshots until a delta touches this domain.
/// </summary>
public sealed class RoutingDomainView
{
    /// <summary>
    /// Records by CA. A plain dictionary sized once and never written after construction (safe for concurrent
    /// readers): a frozen one cost 98 bytes a record here against about 45, and an agent holds every record of its
    /// routing domains.
    /// </summary>
    private readonly Dictionary<IpAddress, LookupRecord> _records;
    /// <summary>The MACs of the domain's records, sorted: 8 bytes a record, probed only when a delta is checked.</summary>
    private readonly ulong[] _macs;
    private readonly PrefixTable<CustomerRoute> _routes;
    private readonly PrefixTable<SubnetView> _subnetPrefixes;

    internal RoutingDomainView(
        RoutingDomain domain, ImmutableArray<VirtualSubnet> subnets, ImmutableArray<LookupRecord> records, ImmutableArray<CustomerRoute> routes)
    {
        Domain = domain;
        Records = records;
        Routes = routes;

        var wildcards = new Dictionary<(Vsid, bool), LookupRecord>();
        var byCa = new Dictionary<IpAddress, LookupRecord>(records.Length);
        foreach (var record in records)
        {
            if (record.Type == LookupRecordType.GatewayWildcard)
            {
                wildcards[(record.Vsid, record.Ca.IsV6)] = record;
            }
            else
            {
                byCa[record.Ca] = record;
            }
        }

        _records = byCa;
        _macs = [.. records.Select(r => r.Mac.Value).Order()];

        var views = ImmutableArray.CreateBuilder<SubnetView>(subnets.Length);
        var prefixes = new List<KeyValuePair<IpPrefix, SubnetView>>();
        foreach (var subnet in subnets)
        {
            var view = new SubnetView(
                subnet, this, wildcards.GetValueOrDefault((subnet.Vsid, false)), wildcards.GetValueOrDefault((subnet.Vsid, true)));
            views.Add(view);
            foreach (var prefix in subnet.Prefixes)
            {
                prefixes.Add(new(prefix, view));
            }
        }

        Subnets = views.MoveToImmutable();
        _subnetPrefixes = new PrefixTable<SubnetView>(prefixes);

        // Several routes may share a destination (one per VSID): the table keeps the lowest metric, then lowest VSID.
        var best = new Dictionary<IpPrefix, CustomerRoute>();
        foreach (var route in routes)
        {
            if (!best.TryGetValue(route.Destination, out var current)
                || route.Metric < current.Metric
                || (route.Metric == current.Metric && route.Vsid < current.Vsid))
            {
                best[route.Destination] = route;
            }
        }

        _routes = new PrefixTable<CustomerRoute>(best);
    }

    /// <summary>The validated model this view was built from.</summary>
    public RoutingDomain Domain { get; }

    public Rdid Rdid => Domain.Rdid;

    public string Name => Domain.Name;

    /// <summary>The domain's virtual subnets.</summary>
    public ImmutableArray<SubnetView> Subnets { get; }

    /// <summary>Every lookup record of the domain's subnets, GatewayWildcard records included.</summary>
    public ImmutableArray<LookupRecord> Records { get; }

    /// <summary>Every customer route of the domain.</summary>
    public ImmutableArray<CustomerRoute> Routes { get; }

    /// <summary>
    /// The record of a real CA (Static or L2Only) in this domain. GatewayWildcard records are not found here;
    /// ask the subnet's <see cref="SubnetView.TryGetGatewayWildcard"/>.
    /// </summary>
    public bool TryGetRecord(IpAddress ca, [MaybeNullWhen(false)] out LookupRecord record) => _records.TryGetValue(ca, out record);

    /// <summary>True when this domain has exactly <paramref name="record"/> (same key and the same values).</summary>
    public bool Holds(LookupRecord record) =>
        record.Type == LookupRecordType.GatewayWildcard
            ? Records.Contains(record)
            : _records.TryGetValue(record.Ca, out var held) && held == record;

    /// <summary>True when a record of this domain (any type) has <paramref name="mac"/>.</summary>
    public bool HasMac(MacAddress mac) => Array.BinarySearch(_macs, mac.Value) >= 0;

    /// <summary>The customer route with the longest prefix holding <paramref name="destination"/> (ties: lowest metric).</summary>
    public bool TryRoute(IpAddress destination, [MaybeNullWhen(false)] out CustomerRoute route) => _routes.TryMatch(destination, out route);

    /// <summary>The subnet of this domain with a prefix holding <paramref name="ca"/> (longest match).</summary>
    public bool TryFindSubnet(IpAddress ca, [MaybeNullWhen(false)] out SubnetView subnet) => _subnetPrefixes.TryMatch(ca, out subnet);
}
