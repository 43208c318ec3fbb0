using System.Collections.Immutable;
using Hnv.Controller.Model;

namespace Hnv.Controller.State;

/// <summary>What the gateways' items must fit, whatever the path (a request, a batch, a replay of the change log).</summary>
internal sealed partial class StateTransition
{
    /// <summary>
    /// Every gateway has its node and no NICs there (a hypervisor is no gateway); a node or a gateway is not removed from
    /// under what serves through it; every written served domain fits (<see cref="CheckServed"/>).
    /// </summary>
    private void CheckGateways(ImmutableSortedDictionary<string, GatewayEntry> gateways, ImmutableSortedDictionary<string, GatewayDomainEntry> served)
    {
        foreach (var host in _hostEntries)
        {
            if (!_hosts.ContainsKey(host) && gateways.ContainsKey(host))
            {
                throw WriteRejectedException.Conflict("name", $"The host {host} is the node of gateway {host}; remove the gateway first.");
            }
        }

        var nicHosts = _dirtyNics.Select(n => _nics[n].Host).ToHashSet(StringComparer.Ordinal);
        foreach (var gateway in gateways.Keys)
        {
            if (!_hosts.ContainsKey(gateway))
            {
                throw WriteRejectedException.Invalid("name", $"The gateway {gateway} has no node: register a host of the same name (POST /gateways does it).");
            }

            if ((nicHosts.Contains(gateway) || !_old.Gateways.ContainsKey(gateway)) && !NicsOn(gateway).IsEmpty)
            {
                throw WriteRejectedException.Conflict("name", $"The host {gateway} has network interfaces: a hypervisor's node cannot be a gateway too; give the gateway a node of its own.");
            }
        }

        foreach (var entry in served.Values)
        {
            if (!gateways.ContainsKey(entry.Gateway))
            {
                throw WriteRejectedException.Conflict("name", $"The gateway {entry.Gateway} still serves routing domain {entry.Domain.Rdid}; remove its domains first.");
            }
        }

        foreach (var key in _gatewayDomainWrites)
        {
            CheckServed(served[key], gateways, served);
        }
    }

    /// <summary>A served domain fits: its gateway and routing domain exist, and its external addresses and ports are its own.</summary>
    private void CheckServed(GatewayDomainEntry entry, ImmutableSortedDictionary<string, GatewayEntry> gateways, ImmutableSortedDictionary<string, GatewayDomainEntry> served)
    {
        var rdid = entry.Domain.Rdid;
        if (!gateways.ContainsKey(entry.Gateway))
        {
            throw WriteRejectedException.NotFound($"There is no gateway {entry.Gateway}.");
        }

        if (!DomainExistsAfter(rdid))
        {
            throw WriteRejectedException.Invalid("routingDomain", $"There is no routing domain {rdid}; create it first.");
        }

        foreach (var other in served.Values.Where(o => !ReferenceEquals(o, entry)))
        {
            if (other.Gateway != entry.Gateway && other.Domain.ExternalAddresses.FirstOrDefault(a => entry.Domain.ExternalAddresses.Contains(a)) is var shared && shared != default)
            {
                throw WriteRejectedException.Conflict("externalAddresses", $"The external address {shared} is gateway {other.Gateway}'s; an external address belongs to one gateway.");
            }

            if (other.Gateway == entry.Gateway && !entry.Domain.ExternalAddresses.IsEmpty && !other.Domain.ExternalAddresses.IsEmpty
                && other.Domain.ExternalAddresses[0] == entry.Domain.ExternalAddresses[0]
                && entry.Domain.Forwards.FirstOrDefault(f => other.Domain.Forwards.Any(o => o.Protocol == f.Protocol && o.Port == f.Port)) is { } clash)
            {
                throw WriteRejectedException.Conflict("forwards",
                    $"{clash.Protocol} port {clash.Port} of {entry.Domain.ExternalAddresses[0]} is already forwarded for routing domain {other.Domain.Rdid}; an external port leads to one VM.");
            }
        }
    }
}
