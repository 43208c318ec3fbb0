using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>/provider-routes: a host's underlay routes, by host + destination, addressed on the collection.</summary>
internal static class ProviderRouteEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.ProviderRoutes).WithTags("provider routes");
        group.MapGet("/", (string? host, PolicyEngine engine) => Results.Json(
                new ResourceList<ProviderRouteDocument>
                {
                    Revision = engine.Current.Revision,
                    Items = [.. engine.Current.HostRoutes.Where(h => host is null || h.Key == host).OrderBy(h => h.Key, StringComparer.Ordinal)
                        .SelectMany(h => h.Value).Select(ResourceDocuments.Of)],
                },
                Json.ResourceListProviderRouteDocument))
            .Allow(AccessLevel.Read).Produces<ResourceList<ProviderRouteDocument>>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, create: true))
            .Allow(AccessLevel.Write).Accepts<ProviderRouteDocument>("application/json").Produces<ProviderRouteDocument>(201);
        group.MapPut("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, create: false))
            .Allow(AccessLevel.Write).Accepts<ProviderRouteDocument>("application/json").Produces<ProviderRouteDocument>();
        group.MapDelete("/", DeleteAsync).Allow(AccessLevel.Write).Produces(204);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, bool create)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.ProviderRouteDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var problems = new List<PolicyProblem>();
        if (new ResourceReader(problems).Read(body) is not { } route)
        {
            return ApiResults.Problem(400, "The provider route is not valid.", problems);
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            var exists = state.FindProviderRoute(route.Key) is not null;
            if (create && exists)
            {
                throw Writes.Exists("destination", $"The route to {route.Destination} of host {route.Host}");
            }

            if (!create && !exists)
            {
                throw Writes.Missing($"route to {route.Destination} of host {route.Host}");
            }

            return state.Hosts.ContainsKey(route.Host)
                ? [ResourceChange.Put(route)]
                : throw WriteRejectedException.Invalid("host", $"The host {route.Host} is not known; create it (POST {ApiPaths.Hosts}) first.");
        },
        _ => create
            ? Writes.Created(http, ApiPaths.ProviderRoutes + $"?host={Uri.EscapeDataString(route.Host)}&destination={Uri.EscapeDataString(route.Destination.ToString())}",
                ResourceDocuments.Of(route), Json.ProviderRouteDocument)
            : Results.Json(ResourceDocuments.Of(route), Json.ProviderRouteDocument),
        p => ProblemFields.Relative(p, ProblemFields.ProviderRoute(route.Key))).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string? host, string? destination, HttpContext http, PolicyEngine engine)
    {
        var problems = new List<PolicyProblem>();
        if (string.IsNullOrEmpty(host))
        {
            problems.Add(new("host", "The query parameter host is missing."));
        }

        if (!IpPrefix.TryParse(destination, out var prefix, requireMasked: true))
        {
            problems.Add(new("destination", "The query parameter destination is missing or not a prefix such as 198.51.100.0/24."));
        }

        if (problems.Count > 0)
        {
            return Task.FromResult(ApiResults.Problem(400, "The route to remove is not named.", problems));
        }

        var key = new ProviderRouteKey(host!, prefix);
        return Writes.RunAsync(http, engine,
            state => state.FindProviderRoute(key) is not null
                ? [ResourceChange.Remove(ResourceKind.ProviderRoute, ResourceKeys.ProviderRoute(key))]
                : throw Writes.Missing($"route to {prefix} of host {host}"),
            _ => Results.NoContent());
    }
}
