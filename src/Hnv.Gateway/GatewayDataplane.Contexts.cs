using System.Collections.Immutable;
using Hnv.Client.Gateway;
using Hnv.Gateway.Contexts;
using Hnv.Gateway.Logging;
using Hnv.Linux;
using Hnv.Policy.Validation;

namespace Hnv.Gateway;

public sealed partial class GatewayDataplane
{
    private object? _servedFrom;
    private ImmutableArray<GatewayDomain> _wanted = [];
    private bool _namespaceCurrent;

    /// <summary>
    /// Makes a context for each served domain that has none, removes those of domains no longer served, and reloads the
    /// rules of a domain whose external addresses or forwards changed (its connections stay; a change of mode makes
    /// it anew). Then the gateway's own rules and external addresses follow. True when the set changed. What fails is
    /// logged and tried again at the next call; the contexts published are always those that exist.
    /// </summary>
    private bool SyncContexts()
    {
        var wanted = Wanted();
        var contexts = _contexts;
        if (contexts.Length == wanted.Length && contexts.All(c => wanted.Contains(c.Domain)))
        {
            return SyncNamespace();
        }

        var kept = new List<RoutingContext>();
        try
        {
            foreach (var context in contexts)
            {
                var domain = wanted.FirstOrDefault(d => d.Rdid == context.Domain.Rdid);
                if (domain is not null && domain.Mode == context.Domain.Mode)
                {
                    kept.Add(context);
                    Try(domain.Rdid, () => context.Reconfigure(domain));
                    continue;
                }

                Node.Detach(context.Layout.Namespace);
                context.Dispose();
                _namespace.Forget(context.Layout.Index);
                GatewayLog.ContextRemoved(_logger, context.Domain.Rdid.ToString(), context.Layout.Namespace);
            }

            var innerMtu = Node.Settings.InnerIpMtu(outerV6: Node.Settings.ProviderAddressV4 is null);
            foreach (var domain in wanted.Where(d => !kept.Any(c => c.Domain.Rdid == d.Rdid)))
            {
                var index = Enumerable.Range(0, ContextLayout.MaxDomains).First(i => !kept.Any(c => c.Layout.Index == i));
                Try(domain.Rdid, () => kept.Add(Open(domain, ContextLayout.For(_settings.ContextPrefix, domain.Rdid, index), innerMtu)));
            }
        }
        finally
        {
            _contexts = [.. kept.OrderBy(c => c.Layout.Index)];
            _namespaceCurrent = false;
        }

        SyncNamespace();
        return true;
    }

    /// <summary>The gateway namespace's external addresses and rules for the contexts there are, unless already so; true when it changed.</summary>
    private bool SyncNamespace()
    {
        if (_namespaceCurrent)
        {
            return false;
        }

        _namespace.SyncExternalAddresses(_contexts.SelectMany(c => c.Domain.ExternalAddresses));
        _namespace.ApplyRules(_contexts);
        _namespaceCurrent = true;
        return true;
    }

    private RoutingContext Open(GatewayDomain domain, ContextLayout layout, int innerMtu)
    {
        var context = RoutingContext.Create(domain, layout);
        try
        {
            if (!Node.TryAttachOutside(layout.Namespace, layout.OutsideMac, domain.Rdid,
                    index => context.OpenOutsidePort(index, innerMtu, Node.Settings.RouterMac, _underlay.TakesSuperFrames), out _, out var conflict))
            {
                throw new ContextException(conflict);
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }

        GatewayLog.ContextReady(_logger, domain.Rdid.ToString(), domain.Mode.ToString().ToLowerInvariant(), layout.Namespace, $"{layout.GatewayTransit}-{layout.ContextTransit}",
            domain.ExternalAddresses.IsEmpty ? "" : $", leaving from {string.Join(", ", domain.ExternalAddresses)}");
        return context;
    }

    /// <summary>Runs one context's step; a failure of the kernel's tools or devices is logged and left for the next sync.</summary>
    private void Try(Policy.Model.Rdid rdid, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is ContextException or LinuxException or IOException)
        {
            GatewayLog.SyncFailed(_logger, rdid.ToString(), Node.Revision, e.Message);
        }
    }

    /// <summary>The domains to serve: the file's, or what the controller said last (each read as the file's are; a bad one is logged and left out).</summary>
    private ImmutableArray<GatewayDomain> Wanted()
    {
        if (_settings.Controller is null)
        {
            return _settings.Domains;
        }

        var view = _served.View;
        if (ReferenceEquals(view, _servedFrom))
        {
            return _wanted;
        }

        var wanted = ImmutableArray.CreateBuilder<GatewayDomain>();
        var items = view?.Domains ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var problems = new List<PolicyProblem>();
            if (GatewayDomainReader.Read(items[i], $"domains[{i}]", problems) is { } domain && !wanted.Any(d => d.Rdid == domain.Rdid))
            {
                wanted.Add(domain);
            }
            else
            {
                GatewayLog.DomainRefused(_logger, items[i]?.RoutingDomain ?? "?", problems.Count == 0 ? "it is listed twice" : string.Join("; ", problems));
            }
        }

        _servedFrom = view;
        _wanted = wanted.ToImmutable();
        return _wanted;
    }
}
