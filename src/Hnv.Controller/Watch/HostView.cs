using System.Collections.Immutable;
using Hnv.Controller.State;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.Watch;

/// <summary>
/// What one host needs to forward at one revision: the routing domains whose records name one of its PAs (its
/// NICs' domains, and for a gateway the domains of its explicit records) whole; the PAs of every host those
/// records name, plus its own; its own provider routes. Nothing of any other routing domain.
/// </summary>
internal sealed class HostView
{
    private HostView(Dictionary<Rdid, RoutingDomainView> domains, Dictionary<IpAddress, ProviderAddress> providerAddresses, ImmutableArray<ProviderRoute> providerRoutes)
    {
        Domains = domains;
        ProviderAddresses = providerAddresses;
        ProviderRoutes = providerRoutes;
    }

    public Dictionary<Rdid, RoutingDomainView> Domains { get; }

    public Dictionary<IpAddress, ProviderAddress> ProviderAddresses { get; }

    public ImmutableArray<ProviderRoute> ProviderRoutes { get; }

    public static HostView Of(ControllerState state, string host)
    {
        var domains = new Dictionary<Rdid, RoutingDomainView>();
        var addresses = new Dictionary<IpAddress, ProviderAddress>();
        foreach (var own in state.HostPas.GetValueOrDefault(host, []))
        {
            addresses[own.Pa] = own;
        }

        foreach (var rdid in state.DomainsOf(host))
        {
            if (!state.Policy.TryGetRoutingDomain(rdid, out var domain))
            {
                continue;
            }

            domains[rdid] = domain;
            foreach (var pa in state.DomainPas.GetValueOrDefault(rdid, ImmutableDictionary<IpAddress, int>.Empty).Keys)
            {
                if (addresses.ContainsKey(pa))
                {
                    continue;
                }

                foreach (var address in state.PasOfHostOf(pa))
                {
                    addresses[address.Pa] = address;
                }
            }
        }

        return new HostView(domains, addresses, state.HostRoutes.GetValueOrDefault(host, []));
    }
}
