using Hnv.Gateway.Configuration;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// What the gateway sets up in its own namespace, between the contexts' transit links and the external interface:
/// forwarding, the external addresses (each as a /32 of its own, removed again at stop), the outside router, the
/// <see cref="NatRules.GatewayTable"/> rules, and for forward domains the routes to their prefixes via their contexts.
/// </summary>
public sealed class GatewayNamespace(GatewaySettings settings)
{
    private readonly Dictionary<int, HashSet<IpPrefix>> _forwardRoutes = [];
    private HashSet<IpAddress> _external = [];

    /// <summary>The external addresses of every nat domain now, each once.</summary>
    public IReadOnlyCollection<IpAddress> ExternalAddresses => _external;

    /// <summary>Turns on forwarding and adds the default route to the outside router.</summary>
    public void Prepare()
    {
        KernelCommands.Exec(null, "sysctl", ["-q", "-w", "net.ipv4.ip_forward=1"]);
        if (settings.ExternalRouter is { } router)
        {
            KernelCommands.IpBatch(null, [$"route replace default via {router} dev {settings.ExternalInterface}"]);
        }
    }

    /// <summary>Holds exactly <paramref name="addresses"/> on the external interface (each a /32), adding and removing the difference.</summary>
    public void SyncExternalAddresses(IEnumerable<IpAddress> addresses)
    {
        var wanted = addresses.ToHashSet();
        var removals = _external.Where(a => !wanted.Contains(a)).Select(a => $"addr del {a}/32 dev {settings.ExternalInterface}").ToList();
        var additions = wanted.Where(a => !_external.Contains(a)).Select(a => $"addr replace {a}/32 dev {settings.ExternalInterface}").ToList();
        if (removals.Count > 0)
        {
            KernelCommands.IpRemovals(null, removals);
        }

        if (additions.Count > 0)
        {
            KernelCommands.IpBatch(null, additions);
        }

        _external = wanted;
    }

    /// <summary>Forgets the forward routes of a context that is gone (its transit link took them along).</summary>
    public void Forget(int index) => _forwardRoutes.Remove(index);

    /// <summary>Loads the rules for <paramref name="contexts"/> (one transaction, checked first).</summary>
    public void ApplyRules(IReadOnlyList<RoutingContext> contexts) =>
        KernelCommands.ReplaceTable(null, NatRules.GatewayTable, NatRules.Gateway(settings.ExternalInterface, [.. contexts.Select(c => (c.Domain, c.Layout))]));

    /// <summary>Routes a forward domain's routable IPv4 <paramref name="prefixes"/> to its context; true when anything changed.</summary>
    public bool SyncForwardRoutes(RoutingContext context, IReadOnlySet<IpPrefix> prefixes)
    {
        var wanted = prefixes.Where(p => !p.IsV6).ToHashSet();
        var routed = _forwardRoutes.GetValueOrDefault(context.Layout.Index) ?? [];
        var removals = routed.Where(p => !wanted.Contains(p)).Select(p => $"route del {p} dev {context.Layout.TransitLink}").ToList();
        var additions = wanted.Where(p => !routed.Contains(p)).Select(p => $"route replace {p} via {context.Layout.ContextTransit} dev {context.Layout.TransitLink}").ToList();
        if (removals.Count + additions.Count == 0)
        {
            return false;
        }

        KernelCommands.IpRemovals(null, removals);
        _forwardRoutes[context.Layout.Index] = [.. routed.Where(wanted.Contains)];
        if (additions.Count > 0)
        {
            KernelCommands.IpBatch(null, additions);
        }

        _forwardRoutes[context.Layout.Index] = wanted;
        return true;
    }

    /// <summary>Removes the rules and the external addresses; what fails is left (the caller is stopping anyway).</summary>
    public void Clean()
    {
        TryRun(() => KernelCommands.DeleteTable(null, NatRules.GatewayTable));
        foreach (var address in _external)
        {
            TryRun(() => KernelCommands.Ip(null, "addr", "del", $"{address}/32", "dev", settings.ExternalInterface));
        }
    }

    private static void TryRun(Action action)
    {
        try
        {
            action();
        }
        catch (ContextException)
        {
            // Already gone, or the interface went away: nothing of ours is left to remove.
        }
    }
}
