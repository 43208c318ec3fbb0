using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
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

/// <summary>/customer-routes: by RDID + VSID + destination, addressed on the collection (PUT by body, DELETE by query).</summary>
internal static class CustomerRouteEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.CustomerRoutes).WithTags("customer routes");
        group.MapGet("/", (string? rdid, PolicyEngine engine, HttpContext http) => List(engine.Current, rdid, http.Caller()))
            .Allow(AccessLevel.Read).AllowScoped().Produces<ResourceList<CustomerRouteDocument>>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, create: true))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<CustomerRouteDocument>("application/json").Produces<CustomerRouteDocument>(201);
        group.MapPut("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, create: false))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<CustomerRouteDocument>("application/json").Produces<CustomerRouteDocument>();
        group.MapDelete("/", DeleteAsync).Allow(AccessLevel.Write).AllowScoped().Produces(204);
    }

    private static IResult List(ControllerState state, string? rdid, Caller caller)
    {
        if (!QueryFilters.TryRdid(rdid, out var filter, out var error))
        {
            return error!;
        }

        var items = state.Policy.RoutingDomains.Where(d => (filter is null || d.Rdid == filter) && caller.Reaches(d.Rdid)).SelectMany(d => d.Routes)
            .OrderBy(r => r.Rdid.Value).ThenBy(r => r.Vsid).ThenBy(r => r.Destination.ToString(), StringComparer.Ordinal)
            .Select(PolicyDocuments.From);
        return Results.Json(new ResourceList<CustomerRouteDocument> { Revision = state.Revision, Items = [.. items] }, Json.ResourceListCustomerRouteDocument);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, bool create)
    {
        var (route, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.CustomerRouteDocument, "customer route", static (read, body) => read.Read(body)).ConfigureAwait(false);
        if (route is null)
        {
            return error!;
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine, state =>
        {
            caller.Guard(pathOutside: false, caller.Outside(route.Rdid), "");
            var exists = state.FindCustomerRoute(route.Key) is not null;
            return create && exists ? throw Writes.Exists("destination", $"The route to {route.Destination} in VSID {route.Vsid} of routing domain {route.Rdid}")
                : !create && !exists ? throw Writes.Missing($"route to {route.Destination} in VSID {route.Vsid} of routing domain {route.Rdid}")
                : [ResourceChange.Put(route)];
        },
        _ => create
            ? Writes.Created(http, ApiPaths.CustomerRoutes + $"?rdid={route.Rdid}&vsid={route.Vsid}&destination={Uri.EscapeDataString(route.Destination.ToString())}",
                PolicyDocuments.From(route), Json.CustomerRouteDocument)
            : Results.Json(PolicyDocuments.From(route), Json.CustomerRouteDocument),
        p => ProblemFields.Relative(p, ProblemFields.CustomerRoute(route.Key))).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string? rdid, string? vsid, string? destination, HttpContext http, PolicyEngine engine)
    {
        var problems = new List<PolicyProblem>();
        if (!Rdid.TryParse(rdid, out var id))
        {
            problems.Add(new("rdid", "The query parameter rdid is missing or not a GUID."));
        }

        var subnet = vsid is null ? null : VirtualSubnetEndpoints.ParseVsid(vsid);
        if (subnet is null)
        {
            problems.Add(new("vsid", "The query parameter vsid is missing or not a VSID (4096 to 16777214)."));
        }

        if (!IpPrefix.TryParse(destination, out var prefix, requireMasked: true))
        {
            problems.Add(new("destination", "The query parameter destination is missing or not a prefix such as 10.0.0.0/24."));
        }

        if (problems.Count > 0)
        {
            return Task.FromResult(ApiResults.Problem(400, "The route to remove is not named.", problems));
        }

        var key = new CustomerRouteKey(id, prefix, subnet!.Value);
        var caller = http.Caller();
        return Writes.RunAsync(http, engine,
            state => caller.Outside(id) ? throw Writes.Missing($"route to {prefix} in VSID {subnet} of routing domain {id}")
                : state.FindCustomerRoute(key) is not null
                ? [ResourceChange.Remove(ResourceKind.CustomerRoute, ResourceKeys.CustomerRoute(key))]
                : throw Writes.Missing($"route to {prefix} in VSID {subnet} of routing domain {id}"),
            _ => Results.NoContent());
    }
}
