using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.State;

internal sealed partial class StateTransition
{
    private ControllerState Finish(long revision, DateTimeOffset at)
    {
        var recordChanges = RecordChanges();
        CheckDomainCas(recordChanges);
        var delta = new PolicyDelta
        {
            Revision = revision,
            UpsertRoutingDomains = [.. _domains.Values.OfType<RoutingDomain>()],
            RemoveRoutingDomains = [.. _domains.Where(d => d.Value is null && _old.FindDomain(d.Key) is not null).Select(d => d.Key)],
            UpsertVirtualSubnets = [.. _subnets.Values.OfType<VirtualSubnet>()],
            RemoveVirtualSubnets = [.. _subnets.Where(s => s.Value is null && _old.FindSubnet(s.Key) is not null).Select(s => s.Key)],
            UpsertCustomerRoutes = [.. _customerRoutes.Values.OfType<CustomerRoute>()],
            RemoveCustomerRoutes = [.. _customerRoutes.Where(r => r.Value is null && _old.FindCustomerRoute(r.Key) is not null).Select(r => r.Key)],
            UpsertProviderAddresses = [.. _providerAddresses.Values.OfType<ProviderAddress>()],
            RemoveProviderAddresses = [.. _providerAddresses.Keys.Select(_old.FindProviderAddress).OfType<ProviderAddress>().Select(a => a.Key)],
            UpsertProviderRoutes = [.. _providerRoutes.Values.OfType<ProviderRoute>()],
            RemoveProviderRoutes = [.. _providerRoutes.Where(r => r.Value is null && _old.FindProviderRoute(r.Key) is not null).Select(r => r.Key)],
            UpsertLookupRecords = [.. recordChanges.Where(c => c.New is not null).Select(c => c.New!)],
            RemoveLookupRecords = [.. recordChanges.Where(c => c.New is null).Select(c => c.Old!.Key)],
        };

        PolicySnapshot policy;
        try
        {
            policy = _old.Policy.Apply(delta);
        }
        catch (PolicyValidationException e)
        {
            throw new WriteRejectedException(WriteRejection.Invalid, "The change would break the policy's rules.", e.Problems);
        }

        var next = _old with
        {
            Revision = revision,
            At = at,
            Policy = policy,
            Hosts = _hosts.ToImmutable(),
            Nics = _nics.ToImmutable(),
            ExplicitRecords = _explicit.ToImmutable(),
            RecordNics = _recordNics.ToImmutable(),
            NicMacs = _nicMacs.ToImmutable(),
            NicsByHost = _old.NicsByHost.SetItems(_nicsByHost),
        };
        next = WithProviderIndexes(next);
        next = WithGateways(next);
        next = WithRecordIndexes(next, recordChanges);
        return WithAffected(next, recordChanges);
    }

    /// <summary>The records whose value changes: old (null: none) and new (null: removed).</summary>
    private List<(LookupRecord? Old, LookupRecord? New)> RecordChanges()
    {
        var changes = new List<(LookupRecord?, LookupRecord?)>();
        foreach (var (key, wanted) in _records)
        {
            var old = _old.FindRecord(key);
            if (!Equals(old, wanted))
            {
                changes.Add((old, wanted));
            }
        }

        return changes;
    }

    /// <summary>One routing domain is one CA space: a CA held by a record of another VSID of the domain is a conflict.</summary>
    private void CheckDomainCas(List<(LookupRecord? Old, LookupRecord? New)> changes)
    {
        foreach (var (_, record) in changes)
        {
            if (record is null || record.Ca.IsUnspecified || (_subnets.TryGetValue(record.Vsid, out var s) ? s : _old.FindSubnet(record.Vsid)) is not { } subnet
                || !_old.Policy.TryGetRoutingDomain(subnet.Rdid, out var domain)
                || !domain.TryGetRecord(record.Ca, out var holder) || holder.Vsid == record.Vsid
                || _records.TryGetValue(holder.Key, out var replacement) && replacement is null)
            {
                continue;
            }

            var field = _recordNics.ContainsKey(record.Key) ? "addresses" : "ca";
            throw WriteRejectedException.Conflict(field, $"The CA {record.Ca} is already used in routing domain {subnet.Rdid} by the record of VSID {holder.Vsid}; one routing domain is one CA space.");
        }
    }

    private ControllerState WithProviderIndexes(ControllerState next)
    {
        if (_providerAddresses.Count == 0 && _providerRoutes.Count == 0)
        {
            return next;
        }

        var hostPas = next.HostPas.ToBuilder();
        var paHosts = next.PaHosts.ToBuilder();
        foreach (var (pa, address) in _providerAddresses)
        {
            if (_old.FindProviderAddress(pa) is { } old)
            {
                paHosts.Remove(pa);
                hostPas[old.Host] = hostPas[old.Host].RemoveAll(a => a.Pa == pa);
            }

            if (address is not null)
            {
                paHosts[pa] = address.Host;
                hostPas[address.Host] = hostPas.GetValueOrDefault(address.Host, []).Add(address).Sort(RecordDerivation.Order);
            }
        }

        var hostRoutes = next.HostRoutes.ToBuilder();
        foreach (var (key, route) in _providerRoutes)
        {
            var routes = hostRoutes.GetValueOrDefault(key.Host, []).RemoveAll(r => r.Destination == key.Destination);
            hostRoutes[key.Host] = route is null ? routes : routes.Add(route);
        }

        return next with
        {
            HostPas = Trim(hostPas.ToImmutable()),
            PaHosts = paHosts.ToImmutable(),
            HostRoutes = Trim(hostRoutes.ToImmutable()),
        };
    }

    private static ImmutableDictionary<string, ImmutableArray<T>> Trim<T>(ImmutableDictionary<string, ImmutableArray<T>> map) =>
        map.RemoveRange(map.Where(e => e.Value.IsEmpty).Select(e => e.Key).ToList());

    private ControllerState WithRecordIndexes(ControllerState next, List<(LookupRecord? Old, LookupRecord? New)> changes)
    {
        if (changes.Count == 0)
        {
            return next;
        }

        var paDomains = next.PaDomains.ToBuilder();
        var domainPas = next.DomainPas.ToBuilder();
        foreach (var (old, record) in changes)
        {
            if (old is not null)
            {
                Count(paDomains, domainPas, old.Pa, _old.Policy.TryGetSubnet(old.Vsid, out var s) ? s.Rdid : default, -1);
            }

            if (record is not null)
            {
                Count(paDomains, domainPas, record.Pa, next.Policy.TryGetSubnet(record.Vsid, out var s) ? s.Rdid : default, 1);
            }
        }

        return next with { PaDomains = paDomains.ToImmutable(), DomainPas = domainPas.ToImmutable() };
    }

    private static void Count(
        ImmutableDictionary<IpAddress, ImmutableDictionary<Rdid, int>>.Builder paDomains,
        ImmutableDictionary<Rdid, ImmutableDictionary<IpAddress, int>>.Builder domainPas,
        IpAddress pa,
        Rdid rdid,
        int step)
    {
        var domains = paDomains.GetValueOrDefault(pa, ImmutableDictionary<Rdid, int>.Empty);
        var count = domains.GetValueOrDefault(rdid) + step;
        domains = count == 0 ? domains.Remove(rdid) : domains.SetItem(rdid, count);
        if (domains.IsEmpty)
        {
            paDomains.Remove(pa);
        }
        else
        {
            paDomains[pa] = domains;
        }

        var pas = domainPas.GetValueOrDefault(rdid, ImmutableDictionary<IpAddress, int>.Empty);
        pas = count == 0 ? pas.Remove(pa) : pas.SetItem(pa, count);
        if (pas.IsEmpty)
        {
            domainPas.Remove(rdid);
        }
        else
        {
            domainPas[rdid] = pas;
        }
    }
}
