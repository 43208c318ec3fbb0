using Hnv.Controller.Access;
using Hnv.Controller.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>GET /metrics: Prometheus text (<see cref="ControllerMetrics"/>), for a read token (Prometheus sends it as its bearer credentials).</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (ControllerMetrics metrics, HttpContext http) =>
            {
                http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
            })
            .Allow(AccessLevel.Read).ExcludeFromDescription();
}
