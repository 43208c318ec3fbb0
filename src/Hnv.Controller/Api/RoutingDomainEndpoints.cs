using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>/routing-domains: by RDID; a domain is removed only when no subnet or route is left in it.</summary>
internal static class RoutingDomainEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.RoutingDomains).WithTags("routing domains");
        group.MapGet("/", (PolicyEngine engine, HttpContext http) => List(engine.Current, http.Caller()))
            .Allow(AccessLevel.Read).AllowScoped().Produces<ResourceList<RoutingDomainDocument>>();
        group.MapGet("/{rdid}", (string rdid, PolicyEngine engine, HttpContext http) =>
                Rdid.TryParse(rdid, out var id) && engine.Current.FindDomain(id) is { } domain && http.Caller().Reaches(id)
                    ? Results.Json(PolicyDocuments.From(domain), Json.RoutingDomainDocument)
                    : ApiResults.NotFound($"There is no routing domain {rdid}."))
            .Allow(AccessLevel.Read).AllowScoped().Produces<RoutingDomainDocument>();
        group.MapPost("/", CreateAsync).Allow(AccessLevel.Write).AllowScoped().Accepts<RoutingDomainDocument>("application/json").Produces<RoutingDomainDocument>(201);
        group.MapPut("/{rdid}", UpdateAsync).Allow(AccessLevel.Write).AllowScoped().Accepts<RoutingDomainDocument>("application/json").Produces<RoutingDomainDocument>();
        group.MapDelete("/{rdid}", DeleteAsync).Allow(AccessLevel.Write).AllowScoped().Produces(204);
    }

    private static IResult List(ControllerState state, Caller caller) => Results.Json(
        new ResourceList<RoutingDomainDocument>
        {
            Revision = state.Revision,
            Items = [.. state.Policy.RoutingDomains.Where(d => caller.Reaches(d.Rdid)).Select(d => PolicyDocuments.From(d.Domain)).OrderBy(d => d.Rdid, StringComparer.Ordinal)],
        },
        Json.ResourceListRoutingDomainDocument);

    private static async Task<IResult> CreateAsync(HttpContext http, PolicyEngine engine)
    {
        // Without an RDID the controller assigns one (the answer carries it).
        var (domain, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.RoutingDomainDocument, "routing domain", static (read, body) => read.Read(body),
            body => body.Rdid ??= Guid.NewGuid().ToString("D")).ConfigureAwait(false);
        if (domain is null)
        {
            return error!;
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine,
            state =>
            {
                caller.Guard(pathOutside: false, writtenOutside: caller.Outside(domain.Rdid), "");
                return state.FindDomain(domain.Rdid) is null ? [ResourceChange.Put(domain)] : throw Writes.Exists("rdid", $"The routing domain {domain.Rdid}");
            },
            _ => Writes.Created(http, $"{ApiPaths.RoutingDomains}/{domain.Rdid}", PolicyDocuments.From(domain), Json.RoutingDomainDocument),
            p => ProblemFields.Relative(p, ProblemFields.Domain(domain.Rdid))).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(string rdid, HttpContext http, PolicyEngine engine)
    {
        if (!Rdid.TryParse(rdid, out var id))
        {
            return ApiResults.NotFound($"There is no routing domain {rdid}.");
        }

        var (domain, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.RoutingDomainDocument, "routing domain", static (read, body) => read.Read(body),
            body => body.Rdid ??= id.ToString()).ConfigureAwait(false);
        if (domain is null)
        {
            return error!;
        }

        if (domain.Rdid != id)
        {
            return ApiResults.Invalid("rdid", $"The RDID {domain.Rdid} does not match the path's {id}; an RDID cannot change.");
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine,
            state =>
            {
                caller.Guard(caller.Outside(id), writtenOutside: false, $"routing domain {id}");
                return state.FindDomain(id) is not null ? [ResourceChange.Put(domain)] : throw Writes.Missing($"routing domain {id}");
            },
            _ => Results.Json(PolicyDocuments.From(domain), Json.RoutingDomainDocument),
            p => ProblemFields.Relative(p, ProblemFields.Domain(id))).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string rdid, HttpContext http, PolicyEngine engine)
    {
        if (!Rdid.TryParse(rdid, out var id))
        {
            return Task.FromResult(ApiResults.NotFound($"There is no routing domain {rdid}."));
        }

        var caller = http.Caller();
        return Writes.RunAsync(http, engine, state =>
        {
            caller.Guard(caller.Outside(id), writtenOutside: false, $"routing domain {id}");
            if (!state.Policy.TryGetRoutingDomain(id, out var domain))
            {
                throw Writes.Missing($"routing domain {id}");
            }

            if (domain.Subnets.Length > 0 || domain.Routes.Length > 0)
            {
                throw WriteRejectedException.Conflict("rdid",
                    $"The routing domain {id} still has {domain.Subnets.Length} virtual subnets and {domain.Routes.Length} customer routes; remove them first.");
            }

            return [ResourceChange.Remove(ResourceKind.RoutingDomain, ResourceKeys.Domain(id))];
        }, _ => Results.NoContent());
    }
}
