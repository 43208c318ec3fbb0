using System.Collections.Immutable;
using Hnv.Controller.Model;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.State;

/// <summary>
/// Gateways: their served domains, the alive ones, and the records derived from them. For each routing domain a change
/// touches (its gateways, their priority, liveness or PAs, the domain's subnets), the active gateway is chosen again (the
/// alive one with a PA and the highest priority, then the first name; with none alive, the first with a PA, so a domain
/// is never left without a way out while its gateways start) and each IPv4 subnet gets its GatewayWildcard record to it.
/// </summary>
internal sealed partial class StateTransition
{
    /// <summary>Served domains are kept in GUID order.</summary>
    private static readonly Comparer<Rdid> RdidOrder = Comparer<Rdid>.Create((a, b) => a.Value.CompareTo(b.Value));

    private ImmutableSortedDictionary<string, GatewayEntry>.Builder? _gateways;
    private ImmutableSortedDictionary<string, GatewayDomainEntry>.Builder? _gatewayDomains;
    private ImmutableHashSet<string>.Builder? _alive;
    /// <summary>The routing domains whose gateway records are derived again.</summary>
    private readonly HashSet<Rdid> _gatewayDirty = [];

    /// <summary>
    /// The domains whose gateways or served set this revision changes (so their hosts and gateways count as affected);
    /// a liveness change alone affects only the hosts whose derived records it really changes.
    /// </summary>
    private readonly HashSet<Rdid> _gatewayServedChanged = [];
    /// <summary>The gateways whose served domains changed (their view's gateway part changes).</summary>
    private readonly HashSet<string> _gatewayNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gatewayDomainWrites = new(StringComparer.Ordinal);
    private ImmutableDictionary<LookupRecordKey, Rdid> _gatewayRecordsAfter = ImmutableDictionary<LookupRecordKey, Rdid>.Empty;
    private ImmutableDictionary<Rdid, string> _activeAfter = ImmutableDictionary<Rdid, string>.Empty;

    private ImmutableSortedDictionary<string, GatewayEntry>.Builder GatewaysBuilder => _gateways ??= _old.Gateways.ToBuilder();

    private ImmutableSortedDictionary<string, GatewayDomainEntry>.Builder GatewayDomainsBuilder => _gatewayDomains ??= _old.GatewayDomains.ToBuilder();

    private void TakeGateway(ResourceChange change)
    {
        switch (change.Kind)
        {
            case ResourceKind.Gateway:
                if (change.Value is GatewayEntry gateway)
                {
                    GatewaysBuilder[gateway.Name] = gateway;
                }
                else
                {
                    GatewaysBuilder.Remove(change.Key);
                }

                _gatewayDirty.UnionWith(_old.GatewayServes.GetValueOrDefault(change.Key, []));
                _gatewayServedChanged.UnionWith(_old.GatewayServes.GetValueOrDefault(change.Key, []));
                break;
            case ResourceKind.GatewayDomain:
                var (name, rdid) = ResourceKeys.ParseGatewayDomain(change.Key);
                if (change.Value is GatewayDomainEntry entry)
                {
                    GatewayDomainsBuilder[change.Key] = entry;
                    _gatewayDomainWrites.Add(change.Key);
                }
                else
                {
                    GatewayDomainsBuilder.Remove(change.Key);
                    _gatewayDomainWrites.Remove(change.Key);
                }

                _gatewayDirty.Add(rdid);
                _gatewayServedChanged.Add(rdid);
                _gatewayNodes.Add(name);
                break;
            case ResourceKind.GatewayHealth:
                _alive ??= _old.AliveGateways.ToBuilder();
                if (change.Value is GatewayHealth { Alive: true })
                {
                    _alive.Add(change.Key);
                }
                else
                {
                    _alive.Remove(change.Key);
                }

                _gatewayDirty.UnionWith(_old.GatewayServes.GetValueOrDefault(change.Key, []));
                break;
        }
    }

    /// <summary>Checks the gateways' items against the rest and derives the records of every routing domain that needs it.</summary>
    private void DeriveGateways()
    {
        _gatewayRecordsAfter = _old.GatewayRecords;
        _activeAfter = _old.ActiveGateways;
        var gateways = _gateways?.ToImmutable() ?? _old.Gateways;
        var served = _gatewayDomains?.ToImmutable() ?? _old.GatewayDomains;
        CheckGateways(gateways, served);
        MarkGatewayDomainsDirty();
        if (_gatewayDirty.Count == 0 && _explicitWrites.Count == 0)
        {
            return;
        }

        var byDomain = served.Values.GroupBy(e => e.Domain.Rdid).ToDictionary(g => g.Key, g => g.Select(e => e.Gateway).ToList());
        var alive = _alive?.ToImmutable() ?? _old.AliveGateways;
        var records = _gatewayRecordsAfter.ToBuilder();
        var active = _activeAfter.ToBuilder();

        // Every old record of the domains looked at goes first, so a record one domain derives is never removed by another's pass.
        foreach (var (key, _) in _old.GatewayRecords.Where(r => _gatewayDirty.Contains(r.Value)))
        {
            records.Remove(key);
            _records[key] = null;
        }

        foreach (var rdid in _gatewayDirty)
        {
            active.Remove(rdid);
            if (!DomainExistsAfter(rdid))
            {
                if (byDomain.TryGetValue(rdid, out var serving))
                {
                    throw WriteRejectedException.Conflict("rdid", $"The routing domain {rdid} is served by gateway {serving[0]}; remove the gateway's domain first.");
                }

                continue;
            }

            if (ActiveOf(byDomain.GetValueOrDefault(rdid), gateways, alive) is not { } chosen)
            {
                continue;
            }

            active[rdid] = chosen.Name;
            foreach (var subnet in SubnetsAfter(rdid).Where(s => s.Prefixes.Any(p => !p.Address.IsV6)))
            {
                var key = GatewayRecords.Key(subnet.Vsid);
                if (_explicit.ContainsKey(key))
                {
                    throw WriteRejectedException.Conflict("vsid",
                        $"The virtual subnet {subnet.Vsid} has an explicit GatewayWildcard record, and gateway {chosen.Name} serves its routing domain; remove the explicit record (the controller makes it).");
                }

                records[key] = rdid;
                _records[key] = GatewayRecords.Record(subnet.Vsid, RecordDerivation.PaFor(IpAddress.AnyV4, chosen.Pas));
            }
        }

        foreach (var key in _explicitWrites)
        {
            if (records.ContainsKey(key))
            {
                throw WriteRejectedException.Conflict("ca", $"The GatewayWildcard record of VSID {key.Vsid} comes from the gateways serving its routing domain; change them instead.");
            }
        }

        _gatewayRecordsAfter = records.ToImmutable();
        _activeAfter = active.ToImmutable();
    }

    /// <summary>The routing domains whose records may change besides those the gateways' own items touch: a gateway's PAs, a subnet.</summary>
    private void MarkGatewayDomainsDirty()
    {
        foreach (var host in _dirtyHosts)
        {
            _gatewayDirty.UnionWith(_old.GatewayServes.GetValueOrDefault(host, []));
        }

        foreach (var (vsid, subnet) in _subnets)
        {
            if (_old.FindSubnet(vsid) is { } old)
            {
                _gatewayDirty.Add(old.Rdid);
            }

            if (subnet is not null)
            {
                _gatewayDirty.Add(subnet.Rdid);
            }
        }
    }

    /// <summary>The active gateway of a domain among <paramref name="candidates"/>, with its PAs; null when none has a PA.</summary>
    private (string Name, ImmutableArray<ProviderAddress> Pas)? ActiveOf(List<string>? candidates, ImmutableSortedDictionary<string, GatewayEntry> gateways, ImmutableHashSet<string> alive)
    {
        var ranked = (candidates ?? [])
            .Select(name => (Name: name, Priority: gateways[name].Priority, Pas: HostPasAfter(name)))
            .Where(c => !c.Pas.IsEmpty)
            .OrderByDescending(c => c.Priority).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        var chosen = ranked.FirstOrDefault(c => alive.Contains(c.Name), ranked[0]);
        return (chosen.Name, chosen.Pas);
    }

    private bool DomainExistsAfter(Rdid rdid) => _domains.TryGetValue(rdid, out var domain) ? domain is not null : _old.FindDomain(rdid) is not null;

    /// <summary>The routing domain's subnets after this change.</summary>
    private IEnumerable<Policy.Model.VirtualSubnet> SubnetsAfter(Rdid rdid)
    {
        var before = _old.Policy.TryGetRoutingDomain(rdid, out var view) ? view.Subnets.Select(s => s.Subnet) : [];
        foreach (var subnet in before)
        {
            if (!_subnets.ContainsKey(subnet.Vsid))
            {
                yield return subnet;
            }
        }

        foreach (var subnet in _subnets.Values)
        {
            if (subnet is not null && subnet.Rdid == rdid)
            {
                yield return subnet;
            }
        }
    }

    /// <summary>The gateway indexes of the next state.</summary>
    private ControllerState WithGateways(ControllerState next)
    {
        if (_gateways is null && _gatewayDomains is null && _alive is null && _gatewayDirty.Count == 0)
        {
            return next;
        }

        var served = _gatewayDomains?.ToImmutable() ?? _old.GatewayDomains;
        var domainGateways = next.DomainGateways;
        var gatewayServes = next.GatewayServes;
        if (_gatewayDomains is not null)
        {
            domainGateways = served.Values.GroupBy(e => e.Domain.Rdid)
                .ToImmutableDictionary(g => g.Key, g => g.Select(e => e.Gateway).ToImmutableSortedSet(StringComparer.Ordinal));
            gatewayServes = served.Values.GroupBy(e => e.Gateway, StringComparer.Ordinal)
                .ToImmutableDictionary(g => g.Key, g => g.Select(e => e.Domain.Rdid).ToImmutableSortedSet(RdidOrder), StringComparer.Ordinal);
        }

        return next with
        {
            Gateways = _gateways?.ToImmutable() ?? _old.Gateways,
            GatewayDomains = served,
            AliveGateways = _alive?.ToImmutable() ?? _old.AliveGateways,
            DomainGateways = domainGateways,
            GatewayServes = gatewayServes,
            GatewayRecords = _gatewayRecordsAfter,
            ActiveGateways = _activeAfter,
        };
    }
}
