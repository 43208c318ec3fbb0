using System.Collections.Immutable;
using Hnv.Client.Gateway;
using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Gateway.Bgp;
using Hnv.Gateway.Configuration;
using Hnv.Gateway.Contexts;
using Hnv.Gateway.Logging;
using Hnv.Linux.Links;
using Hnv.NodeRuntime.Policy;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Gateway;

/// <summary>
/// The gateway's forwarding node and its routing contexts: one context per served routing domain, each joined to the
/// node by an outside port, and the gateway namespace's rules around them. Which domains it serves comes from its file,
/// or from the controller (<see cref="ServedDomains"/>); <see cref="Sync"/> keeps the contexts, their routes toward
/// the VMs and BGP in step with both.
/// </summary>
public sealed partial class GatewayDataplane : IDisposable
{
    private readonly GatewaySettings _settings;
    private readonly IUnderlayPort _underlay;
    private readonly ILogger _logger;
    private readonly GatewayNamespace _namespace;
    private readonly ServedDomains _served;
    private readonly FrrSpeaker? _speaker;
    private ImmutableArray<RoutingContext> _contexts = [];
    private long _syncedRevision = -1;
    private int _disposed;

    /// <summary>Sets up forwarding; <see cref="Start"/> makes the contexts and starts the workers.</summary>
    public GatewayDataplane(
        GatewaySettings settings, IUnderlayPort underlay, Func<IPacketWaiter> waiters, ServedDomains served, ILogger<GatewayDataplane> logger, IHostApplicationLifetime lifetime)
    {
        _settings = settings;
        _underlay = underlay;
        _served = served;
        _logger = logger;
        _namespace = new GatewayNamespace(settings);
        _speaker = settings.Bgp is { } bgp ? new FrrSpeaker(bgp, settings.Name) : null;
        var node = new NodeSettings
        {
            ProviderAddressV4 = settings.Underlay.ProviderAddressV4,
            ProviderAddressV6 = settings.Underlay.ProviderAddressV6,
            UnderlayMtu = settings.Underlay.Mtu,
        };
        Node = new ForwardingNode(node, underlay, waiters, new ForwardingNodeOptions
        {
            OnWorkerFailure = e =>
            {
                GatewayLog.WorkerFailed(logger, e.ToString());
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            },
        });
    }

    /// <summary>The forwarding node: policy, workers, counters.</summary>
    public ForwardingNode Node { get; }

    /// <summary>What BGP announces now (null without BGP, or before the first announcement).</summary>
    public IReadOnlySet<IpPrefix>? Announced => _speaker?.Announced;

    /// <summary>The routing contexts now, by index (replaced whole at each change, so readers see one set).</summary>
    public ImmutableArray<RoutingContext> Contexts => _contexts;

    /// <summary>Removes what an earlier run left, prepares the gateway's namespace, makes the contexts known so far and starts forwarding.</summary>
    public void Start()
    {
        // Only names this gateway makes (prefix + RDID): a host or VM whose name merely starts alike is not ours.
        foreach (var leftover in NetworkNamespace.List(_settings.ContextPrefix).Where(n => Guid.TryParseExact(n[_settings.ContextPrefix.Length..], "D", out _)))
        {
            NetworkNamespace.Delete(leftover);
            GatewayLog.LeftoverRemoved(_logger, leftover);
        }

        _namespace.Prepare();
        Sync();
        Node.Start();
    }

    /// <summary>
    /// Brings the contexts to the served domains, every context's routes to the domain's prefixes in the policy in force,
    /// a forward domain's routes in the gateway's namespace and what BGP announces to the forward domains' routable
    /// prefixes, when the domains or the revision changed since the last sync (or bgpd died). Each context is brought up
    /// on its own: one whose commands fail is logged and tried again at the next call, and does not hold the others back.
    /// </summary>
    public void Sync()
    {
        var policy = Node.Policy;
        var reshaped = SyncContexts();
        if (!reshaped && policy.Revision == _syncedRevision && _speaker?.Running != false)
        {
            return;
        }

        var complete = true;
        var contexts = _contexts;
        var routable = ForwardPrefixes.Of(policy, contexts);
        foreach (var refused in routable.Refused)
        {
            GatewayLog.ForwardPrefixRefused(_logger, refused.Prefix.ToString(), refused.Rdid.ToString(), refused.Reason);
        }

        foreach (var context in contexts)
        {
            try
            {
                var prefixes = Prefixes(policy, context);
                var changed = context.SyncRoutes(prefixes);
                if (context.Domain.Mode == GatewayMode.Forward)
                {
                    changed |= _namespace.SyncForwardRoutes(context, routable.Of(context.Domain.Rdid));
                }

                if (changed)
                {
                    GatewayLog.RoutesChanged(_logger, context.Domain.Rdid.ToString(), prefixes.Count == 0 ? "none" : string.Join(", ", prefixes), policy.Revision);
                }
            }
            catch (ContextException e)
            {
                complete = false;
                GatewayLog.SyncFailed(_logger, context.Domain.Rdid.ToString(), policy.Revision, e.Message);
            }
        }

        if (_speaker?.Announce(routable.All) == true)
        {
            GatewayLog.Announcing(_logger, routable.All.Count == 0 ? "nothing" : string.Join(", ", routable.All), policy.Revision);
        }

        if (complete)
        {
            _syncedRevision = policy.Revision;
        }
    }

    /// <summary>Stops forwarding, removes the contexts and what the gateway added to its own namespace; only the first call does anything.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _speaker?.Dispose();
        Node.Dispose();
        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        _namespace.Clean();
    }

    /// <summary>Where the domain's VMs are: its subnets' prefixes and its customer routes' destinations (a default route excepted).</summary>
    private static HashSet<IpPrefix> Prefixes(PolicySnapshot policy, RoutingContext context)
    {
        if (!policy.TryGetRoutingDomain(context.Domain.Rdid, out var domain))
        {
            return [];
        }

        var prefixes = domain.Subnets.SelectMany(s => s.Prefixes).ToHashSet();
        prefixes.UnionWith(domain.Routes.Select(r => r.Destination).Where(d => d.Length > 0));
        return prefixes;
    }
}
