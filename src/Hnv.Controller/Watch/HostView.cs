using System.Collections.Immutable;
using Hnv.Client.Gateway;
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
    private HostView(
        Dictionary<Rdid, RoutingDomainView> domains, Dictionary<IpAddress, ProviderAddress> providerAddresses, ImmutableArray<ProviderRoute> providerRoutes,
        ImmutableArray<GatewayDomain>? gateway)
    {
        Gateway = gateway;
        Domains = domains;
        ProviderAddresses = providerAddresses;
        ProviderRoutes = providerRoutes;
    }

    public Dictionary<Rdid, RoutingDomainView> Domains { get; }

    public Dictionary<IpAddress, ProviderAddress> ProviderAddresses { get; }

    public ImmutableArray<ProviderRoute> ProviderRoutes { get; }

    /// <summary>For a gateway, the domains it serves (by RDID); null for a host that is no gateway.</summary>
    public ImmutableArray<GatewayDomain>? Gateway { get; }

    /// <summary>Whether the gateway part differs between two views.</summary>
    public static bool GatewayChanged(HostView before, HostView after) =>
        before.Gateway is { } old ? after.Gateway is not { } now || !old.AsSpan().SequenceEqual(now.AsSpan()) : after.Gateway is not null;

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

        ImmutableArray<GatewayDomain>? gateway = state.Gateways.ContainsKey(host)
            ? [.. state.GatewayServes.GetValueOrDefault(host, []).Select(rdid => state.FindGatewayDomain(host, rdid)!.Domain)]
            : null;
        return new HostView(domains, addresses, state.HostRoutes.GetValueOrDefault(host, []), gateway);
    }
}
