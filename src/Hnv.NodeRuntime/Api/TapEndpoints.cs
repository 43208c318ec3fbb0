using Hnv.Dataplane.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.NodeRuntime.Api;

/// <summary>The seeing-inside endpoints every forwarding daemon's local API has: GET /v1/capture (pcap) and GET /v1/observe (NDJSON).</summary>
public static class TapEndpoints
{
    /// <summary>Maps them on <paramref name="v1"/>; <paramref name="node"/> gives the daemon's forwarding node and its host name.</summary>
    public static void MapTapEndpoints(this IEndpointRouteBuilder v1, Func<HttpContext, (ForwardingNode Node, string Host)> node)
    {
        v1.MapGet("/capture", (Delegate)((HttpContext http) => CaptureEndpoint.RunAsync(http, node(http).Node)));
        v1.MapGet("/observe", (Delegate)((HttpContext http) =>
        {
            var (forwarding, host) = node(http);
            return ObserveEndpoint.RunAsync(http, forwarding, host);
        }));
    }
}
