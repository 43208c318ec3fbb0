using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Tests.Snapshots;

/// <summary>
/// Makes a seeded random sequence of valid deltas and keeps, beside them, the whole policy each one leads to
/// (applied here the simple way, by key), so a test can compare Apply with Build.
/// </summary>
internal sealed class DeltaGenerator
{
    private readonly Random _random;
    private readonly Dictionary<Rdid, RoutingDomain> _domains = [];
    private readonly Dictionary<Vsid, VirtualSubnet> _subnets = [];
    private readonly Dictionary<LookupRecordKey, LookupRecord> _records = [];
    private readonly Dictionary<CustomerRouteKey, CustomerRoute> _routes = [];
    private readonly Dictionary<ProviderAddressKey, ProviderAddress> _providerAddresses = [];
    private readonly Dictionary<ProviderRouteKey, ProviderRoute> _providerRoutes = [];
    private readonly List<MacAddress> _freedMacs = [];
    private int _nextMac = 1;
    private int _nextHost = 20;

    public DeltaGenerator(int seed)
    {
        _random = new Random(seed);
        for (var d = 0; d < 3; d++)
        {
            var rdid = new Rdid(new Guid(d + 1, 0, 0, new byte[8]));
            _domains.Add(rdid, new RoutingDomain(rdid, $"tenant{d}"));
            for (var k = 0; k < 2; k++)
            {
                // Every domain uses the same CA space: isolation is part of what is checked.
                var v4 = IpPrefix.Parse($"10.{k}.0.0/16");
                var v6 = IpPrefix.Parse($"fd00:0:0:{k}::/64");
                var vsid = new Vsid((uint)(5000 + (10 * d) + k));
                _subnets.Add(vsid, new VirtualSubnet(vsid, rdid, null, [v4, v6], [VirtualSubnet.DefaultRouter(v4), VirtualSubnet.DefaultRouter(v6)]));
            }
        }

        for (var h = 0; h < 4; h++)
        {
            AddProviderAddress($"h{h}", IpAddress.Parse($"192.0.2.{10 + h}"));
        }
    }

    /// <summary>Every CA and route address the policy holds, to probe lookups with.</summary>
    public IEnumerable<IpAddress> KnownAddresses =>
        _records.Keys.Select(k => k.Ca).Concat(_routes.Keys.Select(k => k.Destination.Address));

    public PolicySet Set() => new(
        [.. _domains.Values], [.. _subnets.Values], [.. _records.Values],
        [.. _routes.Values], [.. _providerAddresses.Values], [.. _providerRoutes.Values]);

    public IpAddress RandomAddress() => _random.Next(2) == 0
        ? IpAddress.Parse($"10.{_random.Next(3)}.{_random.Next(256)}.{_random.Next(256)}")
        : IpAddress.FromV6(IpPrefix.Parse($"fd00:0:0:{_random.Next(3)}::/64").Address.Value + (ulong)_random.Next(2, 70000));

    /// <summary>The next delta and the routing domains whose tables it changes.</summary>
    public (PolicyDelta Delta, HashSet<Rdid> Touched) Next(long revision)
    {
        var touched = new HashSet<Rdid>();
        var keys = new HashSet<object>();
        var upsertRecords = ImmutableArray.CreateBuilder<LookupRecord>();
        var removeRecords = ImmutableArray.CreateBuilder<LookupRecordKey>();
        var upsertRoutes = ImmutableArray.CreateBuilder<CustomerRoute>();
        var removeRoutes = ImmutableArray.CreateBuilder<CustomerRouteKey>();
        var upsertAddresses = ImmutableArray.CreateBuilder<ProviderAddress>();
        var upsertProviderRoutes = ImmutableArray.CreateBuilder<ProviderRoute>();
        var removeProviderRoutes = ImmutableArray.CreateBuilder<ProviderRouteKey>();

        for (var ops = _random.Next(1, 5); ops > 0; ops--)
        {
            var roll = _random.Next(100);
            if (roll < 40 && NewRecord() is { } added && keys.Add(added.Key))
            {
                _records.Add(added.Key, added);
                upsertRecords.Add(added);
                touched.Add(_subnets[added.Vsid].Rdid);
            }
            else if (roll < 55 && TryPick(_records.Values.Where(r => !IsNextHop(r)), out var removed) && keys.Add(removed.Key))
            {
                _records.Remove(removed.Key);
                removeRecords.Add(removed.Key);
                _freedMacs.Add(removed.Mac); // reused later, maybe in another domain: the MAC index must forget it
                touched.Add(_subnets[removed.Vsid].Rdid);
            }
            else if (roll < 65 && TryPick(_records.Values, out var changed) && keys.Add(changed.Key))
            {
                var moved = changed with { Pa = RandomPa(), Rule = changed.Rule == LookupRule.Encap ? LookupRule.Translate : LookupRule.Encap };
                _records[moved.Key] = moved;
                upsertRecords.Add(moved);
                touched.Add(_subnets[moved.Vsid].Rdid);
            }
            else if (roll < 80 && NewRoute() is { } route && keys.Add(route.Key))
            {
                _routes[route.Key] = route;
                upsertRoutes.Add(route);
                touched.Add(route.Rdid);
            }
            else if (roll < 90 && TryPick(_routes.Keys, out var gone) && keys.Add(gone))
            {
                _routes.Remove(gone);
                removeRoutes.Add(gone);
                touched.Add(gone.Rdid);
            }
            else if (roll < 95)
            {
                var host = $"h{_random.Next(4)}";
                var destination = new IpPrefix(IpAddress.FromV4((uint)_random.Next()), _random.Next(8, 33));
                var providerRoute = new ProviderRoute(host, destination, IpAddress.Parse("192.0.2.1"), _random.Next(100));
                if (_random.Next(2) == 0 && TryPick(_providerRoutes.Keys, out var old) && keys.Add(old))
                {
                    _providerRoutes.Remove(old);
                    removeProviderRoutes.Add(old);
                }
                else if (keys.Add(providerRoute.Key))
                {
                    _providerRoutes[providerRoute.Key] = providerRoute;
                    upsertProviderRoutes.Add(providerRoute);
                }
            }
            else if (_nextHost < 250)
            {
                upsertAddresses.Add(AddProviderAddress($"h{_nextHost}", IpAddress.Parse($"192.0.2.{_nextHost}")));
                _nextHost++;
            }
        }

        var delta = new PolicyDelta
        {
            Revision = revision,
            UpsertLookupRecords = upsertRecords.ToImmutable(),
            RemoveLookupRecords = removeRecords.ToImmutable(),
            UpsertCustomerRoutes = upsertRoutes.ToImmutable(),
            RemoveCustomerRoutes = removeRoutes.ToImmutable(),
            UpsertProviderAddresses = upsertAddresses.ToImmutable(),
            UpsertProviderRoutes = upsertProviderRoutes.ToImmutable(),
            RemoveProviderRoutes = removeProviderRoutes.ToImmutable(),
        };
        return (delta, touched);
    }

    private ProviderAddress AddProviderAddress(string host, IpAddress pa)
    {
        var address = new ProviderAddress(host, pa, 24, null);
        _providerAddresses.Add(address.Key, address);
        return address;
    }

    private LookupRecord? NewRecord()
    {
        var subnet = RandomSubnet();
        var mac = new MacAddress(0x02_00_00_00_00_00UL | (uint)_nextMac++);
        if (_freedMacs.Count > 0 && _random.Next(3) == 0)
        {
            var reuse = _random.Next(_freedMacs.Count);
            if (!_records.Values.Any(r => r.Mac == _freedMacs[reuse]))
            {
                mac = _freedMacs[reuse];
            }

            _freedMacs.RemoveAt(reuse);
        }

        var pa = RandomPa();
        if (_random.Next(10) == 0)
        {
            var wildcard = new LookupRecord(IpAddress.AnyV4, subnet.Vsid, mac, pa, LookupRule.Encap, LookupRecordType.GatewayWildcard);
            return _records.ContainsKey(wildcard.Key) ? null : wildcard;
        }

        var prefix = subnet.Prefixes[_random.Next(2)];
        var ca = prefix.IsV6
            ? IpAddress.FromV6(prefix.Address.Value + (ulong)_random.Next(2, 70000))
            : prefix.Address.Add((ulong)((_random.Next(256) * 256) + _random.Next(2, 255)));
        if (_records.Values.Any(r => r.Ca == ca && _subnets[r.Vsid].Rdid == subnet.Rdid))
        {
            return null;
        }

        var type = _random.Next(8) == 0 ? LookupRecordType.L2Only : LookupRecordType.Static;
        return new LookupRecord(ca, subnet.Vsid, mac, pa, (LookupRule)_random.Next(2), type);
    }

    private CustomerRoute? NewRoute()
    {
        var subnet = RandomSubnet();
        var v6 = _random.Next(2) == 0;
        var address = v6
            ? IpAddress.FromV6(new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64()))
            : IpAddress.FromV4((uint)_random.Next());
        var destination = new IpPrefix(address, _random.Next(address.BitLength + 1));
        IpAddress? nextHop = null;
        if (_random.Next(2) == 0
            && TryPick(_records.Values.Where(r => r.Type != LookupRecordType.GatewayWildcard && r.Ca.IsV6 == v6 && _subnets[r.Vsid].Rdid == subnet.Rdid), out var via))
        {
            nextHop = via.Ca;
        }

        return new CustomerRoute(subnet.Rdid, subnet.Vsid, destination, nextHop, _random.Next(300));
    }

    private bool IsNextHop(LookupRecord record) =>
        record.Type != LookupRecordType.GatewayWildcard
        && _routes.Values.Any(r => r.NextHop == record.Ca && r.Rdid == _subnets[record.Vsid].Rdid);

    private bool TryPick<T>(IEnumerable<T> items, [MaybeNullWhen(false)] out T item)
    {
        var list = items.ToList();
        item = list.Count == 0 ? default : list[_random.Next(list.Count)];
        return list.Count != 0;
    }

    private VirtualSubnet RandomSubnet()
    {
        TryPick(_subnets.Values, out var subnet);
        return subnet!;
    }

    private IpAddress RandomPa()
    {
        TryPick(_providerAddresses.Values, out var address);
        return address!.Pa;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_records.Count} records, {_routes.Count} routes");
}
