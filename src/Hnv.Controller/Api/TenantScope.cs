using Hnv.Controller.Access;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Model;
using Hnv.Wire.Tunnel;
using Microsoft.AspNetCore.Builder;

namespace Hnv.Controller.Api;

/// <summary>
/// What a token limited to routing domains (a tenant's, a team's) sees and changes: listings and reads of routing
/// domains, subnets, NICs, lookup records and customer routes show only its domains' items (another's is a 404, as if
/// it did not exist), and a write is refused with 403 when any item it touches, before or after, lies outside them.
/// </summary>
internal static class TenantScope
{
    /// <summary>The endpoint serves scoped tokens too (<see cref="ScopedAccess"/>), within their domains.</summary>
    public static TBuilder AllowScoped<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ScopedAccess());

    /// <summary>Whether the caller sees the items of subnet <paramref name="vsid"/> (one that does not exist: only an unscoped caller).</summary>
    public static bool Sees(this Caller caller, ControllerState state, Vsid vsid) =>
        !caller.IsScoped || (state.FindSubnet(vsid) is { } subnet && caller.Reaches(subnet.Rdid));

    /// <summary>Whether a scoped caller may not see <paramref name="rdid"/> (a domain that does not exist counts as outside).</summary>
    public static bool Outside(this Caller caller, Rdid? rdid) => caller.IsScoped && (rdid is not { } domain || !caller.Reaches(domain));

    /// <summary>Whether a scoped caller may not see subnet <paramref name="vsid"/> (one that does not exist counts as outside).</summary>
    public static bool Outside(this Caller caller, ControllerState state, Vsid vsid) => caller.IsScoped && !caller.Sees(state, vsid);

    /// <summary>
    /// Runs first in a scoped caller's write, before the endpoint's own checks, so their answers never tell it about
    /// another domain: an item named by the path outside its domains is missing (the 404 a read gives, <paramref name="missing"/>),
    /// and writing into a domain or subnet outside them (or one that does not exist) is a 403.
    /// </summary>
    public static void Guard(this Caller caller, bool pathOutside, bool writtenOutside, string missing)
    {
        if (!caller.IsScoped)
        {
            return;
        }

        if (pathOutside)
        {
            throw Writes.Missing(missing);
        }

        if (writtenOutside)
        {
            throw WriteRejectedException.Forbidden($"The token {caller.Name} may write only into routing domains {TokenScopes.Format(caller.Scope!)} and their subnets.");
        }
    }

    /// <summary>Throws the 403 when a scoped caller's <paramref name="changes"/> touch anything outside its domains.</summary>
    public static IReadOnlyList<ResourceChange> Check(Caller caller, ControllerState state, IReadOnlyList<ResourceChange> changes)
    {
        if (!caller.IsScoped)
        {
            return changes;
        }

        foreach (var change in changes)
        {
            foreach (var rdid in DomainsOf(state, change))
            {
                if (rdid is not { } domain || !caller.Reaches(domain))
                {
                    throw WriteRejectedException.Forbidden(
                        $"The token {caller.Name} is limited to routing domains {TokenScopes.Format(caller.Scope!)}; this would change something outside them.");
                }
            }
        }

        return changes;
    }

    /// <summary>The routing domains a change touches, before and after; null for an item of no routing domain (the operators').</summary>
    private static IEnumerable<Rdid?> DomainsOf(ControllerState state, ResourceChange change)
    {
        switch (change.Kind)
        {
            case ResourceKind.RoutingDomain:
                yield return ResourceKeys.ParseDomain(change.Key);
                break;
            case ResourceKind.VirtualSubnet:
                if (state.FindSubnet(ResourceKeys.ParseSubnet(change.Key)) is { } oldSubnet)
                {
                    yield return oldSubnet.Rdid;
                }

                if (change.Value is VirtualSubnet subnet)
                {
                    yield return subnet.Rdid;
                }

                break;
            case ResourceKind.NetworkInterface:
                if (state.Nics.TryGetValue(change.Key, out var oldNic) && state.FindSubnet(oldNic.Vsid) is { } oldNicSubnet)
                {
                    yield return oldNicSubnet.Rdid;
                }

                if (change.Value is NetworkInterface nic && state.FindSubnet(nic.Vsid) is { } nicSubnet)
                {
                    yield return nicSubnet.Rdid;
                }

                break;
            case ResourceKind.LookupRecord:
                if (state.FindSubnet(ResourceKeys.ParseRecord(change.Key).Vsid) is { } recordSubnet)
                {
                    yield return recordSubnet.Rdid;
                }

                break;
            case ResourceKind.CustomerRoute:
                yield return ResourceKeys.ParseCustomerRoute(change.Key).Rdid;
                break;
            default:
                yield return null;
                break;
        }
    }
}
