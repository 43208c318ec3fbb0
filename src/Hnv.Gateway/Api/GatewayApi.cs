using Hnv.Gateway.Configuration;
using Hnv.Gateway.Contexts;
using Hnv.NodeRuntime.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.Gateway.Api;

/// <summary>
/// The gateway's local API (a Unix socket: root and its group only): GET /v1/status, GET /v1/counters (the same document
/// as an agent's), GET /v1/nat (the connections of every domain, or of ?domain=RDID), GET /v1/capture and GET /v1/observe.
/// </summary>
public static class GatewayApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app, GatewaySettings settings, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/status", (GatewayDataplane dataplane) => Results.Json(Status(settings, dataplane, time.GetElapsedTime(started).TotalSeconds),
            GatewayJsonContext.Default.GatewayStatusView));
        v1.MapGet("/counters", (GatewayDataplane dataplane) => Results.Json(NodeCounters.Of(dataplane.Node), GatewayJsonContext.Default.CountersView));
        v1.MapGet("/nat", (string? domain, GatewayDataplane dataplane) => Nat(dataplane, domain));
        v1.MapTapEndpoints(http => (http.RequestServices.GetRequiredService<GatewayDataplane>().Node, settings.Name));
        return app;
    }

    private static GatewayStatusView Status(GatewaySettings settings, GatewayDataplane dataplane, double uptime)
    {
        var policy = dataplane.Node.Policy;
        var domains = dataplane.Contexts.Select(c => new GatewayDomainView(
            c.Domain.Rdid.ToString(),
            policy.TryGetRoutingDomain(c.Domain.Rdid, out var view) ? view.Name : null,
            c.Domain.Mode.ToString().ToLowerInvariant(),
            c.Layout.Namespace,
            $"{c.Layout.GatewayTransit}/31",
            [.. c.Domain.ExternalAddresses.Select(a => a.ToString())],
            [.. c.Domain.Forwards.Select(f => $"{f.Protocol} {f.Port} -> {f.To}:{f.ToPort}")],
            [.. c.Routed.Select(p => p.ToString()).Order(StringComparer.Ordinal)])).ToList();
        var source = settings.Controller is { } controller ? $"controller {string.Join(", ", controller.Addresses)}" : $"file {settings.PolicyFile}";
        var pas = new[] { settings.Underlay.ProviderAddressV4, settings.Underlay.ProviderAddressV6 }.OfType<Wire.Addressing.IpAddress>().Select(a => a.ToString()).ToList();
        return new GatewayStatusView(settings.Name, policy.Revision, source, pas, settings.ExternalInterface, uptime, domains,
            dataplane.Announced?.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    private static IResult Nat(GatewayDataplane dataplane, string? domain)
    {
        var contexts = dataplane.Contexts.Where(c => domain is null || c.Domain.Rdid.ToString() == domain).ToList();
        if (contexts.Count == 0)
        {
            return Results.Problem(statusCode: 404, title: $"This gateway serves no routing domain {domain}.");
        }

        var policy = dataplane.Node.Policy;
        var views = new List<NatDomainView>();
        foreach (var context in contexts)
        {
            try
            {
                views.Add(new NatDomainView(context.Domain.Rdid.ToString(), policy.TryGetRoutingDomain(context.Domain.Rdid, out var view) ? view.Name : null,
                    context.Domain.Mode.ToString().ToLowerInvariant(), context.Connections()));
            }
            catch (ContextException e)
            {
                return Results.Problem(statusCode: 503, title: $"The connections of {context.Domain.Rdid} cannot be read: {e.Message}");
            }
        }

        return Results.Json(views, GatewayJsonContext.Default.ListNatDomainView);
    }
}
