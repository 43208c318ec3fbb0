using System.Collections.Immutable;
using Hnv.Policy.Model;

namespace Hnv.Controller.State;

internal sealed partial class StateTransition
{
    /// <summary>
    /// Marks the hosts whose view this revision changes: the hosts of every routing domain whose content changed
    /// (before and after, so a host that leaves or enters a domain counts), the hosts whose PAs or provider routes
    /// changed, the hosts that see those PAs (the hosts of the domains that name them), and the gateways whose
    /// served domains changed. A record derived again unchanged changes no one's view.
    /// </summary>
    private ControllerState WithAffected(ControllerState next, List<(LookupRecord? Old, LookupRecord? New)> records)
    {
        var domains = new HashSet<Rdid>(_domains.Keys);
        domains.UnionWith(_gatewayServedChanged);
        foreach (var (vsid, subnet) in _subnets)
        {
            if (_old.FindSubnet(vsid) is { } old)
            {
                domains.Add(old.Rdid);
            }

            if (subnet is not null)
            {
                domains.Add(subnet.Rdid);
            }
        }

        foreach (var key in _customerRoutes.Keys)
        {
            domains.Add(key.Rdid);
        }

        foreach (var (old, record) in records)
        {
            if (old == record)
            {
                continue; // derived again, the same (a gateway's liveness that moved no record)
            }

            if (old is not null && _old.Policy.TryGetSubnet(old.Vsid, out var before))
            {
                domains.Add(before.Rdid);
            }

            if (record is not null && next.Policy.TryGetSubnet(record.Vsid, out var after))
            {
                domains.Add(after.Rdid);
            }
        }

        // A host that comes or goes counts as changed, so a watcher never resumes across it with a false "nothing changed".
        var hosts = new HashSet<string>(_hostEntries, StringComparer.Ordinal);
        hosts.UnionWith(_gatewayNodes);
        foreach (var (pa, address) in _providerAddresses)
        {
            if (_old.PaHosts.TryGetValue(pa, out var oldHost))
            {
                hosts.Add(oldHost);
                domains.UnionWith(_old.DomainsOf(oldHost));
            }

            if (address is not null)
            {
                hosts.Add(address.Host);
                domains.UnionWith(next.DomainsOf(address.Host));
            }
        }

        foreach (var key in _providerRoutes.Keys)
        {
            hosts.Add(key.Host);
        }

        foreach (var rdid in domains)
        {
            hosts.UnionWith(_old.HostsOf(rdid));
            hosts.UnionWith(next.HostsOf(rdid));
        }

        if (hosts.Count == 0)
        {
            return next with { Affected = [] };
        }

        var changed = next.HostChanged.ToBuilder();
        foreach (var host in hosts)
        {
            changed[host] = next.Revision;
        }

        return next with { HostChanged = changed.ToImmutable(), Affected = ImmutableHashSet.CreateRange(StringComparer.Ordinal, hosts) };
    }
}
