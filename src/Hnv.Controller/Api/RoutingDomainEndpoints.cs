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
        group.MapGet("/", (PolicyEngine engine) => List(engine.Current))
            .Allow(AccessLevel.Read).Produces<ResourceList<RoutingDomainDocument>>();
        group.MapGet("/{rdid}", (string rdid, PolicyEngine engine) =>
                Rdid.TryParse(rdid, out var id) && engine.Current.FindDomain(id) is { } domain
                    ? Results.Json(ResourceDocuments.Of(domain), Json.RoutingDomainDocument)
                    : ApiResults.NotFound($"There is no routing domain {rdid}."))
            .Allow(AccessLevel.Read).Produces<RoutingDomainDocument>();
        group.MapPost("/", CreateAsync).Allow(AccessLevel.Write).Accepts<RoutingDomainDocument>("application/json").Produces<RoutingDomainDocument>(201);
        group.MapPut("/{rdid}", UpdateAsync).Allow(AccessLevel.Write).Accepts<RoutingDomainDocument>("application/json").Produces<RoutingDomainDocument>();
        group.MapDelete("/{rdid}", DeleteAsync).Allow(AccessLevel.Write).Produces(204);
    }

    private static IResult List(ControllerState state) => Results.Json(
        new ResourceList<RoutingDomainDocument>
        {
            Revision = state.Revision,
            Items = [.. state.Policy.RoutingDomains.Select(d => ResourceDocuments.Of(d.Domain)).OrderBy(d => d.Rdid, StringComparer.Ordinal)],
        },
        Json.ResourceListRoutingDomainDocument);

    private static async Task<IResult> CreateAsync(HttpContext http, PolicyEngine engine)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.RoutingDomainDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        // Without an RDID the controller assigns one (the answer carries it).
        body.Rdid ??= Guid.NewGuid().ToString("D");
        var problems = new List<PolicyProblem>();
        if (new ResourceReader(problems).Read(body) is not { } domain)
        {
            return ApiResults.Problem(400, "The routing domain is not valid.", problems);
        }

        return await Writes.RunAsync(http, engine,
            state => state.FindDomain(domain.Rdid) is null ? [ResourceChange.Put(domain)] : throw Writes.Exists("rdid", $"The routing domain {domain.Rdid}"),
            _ => Writes.Created(http, $"{ApiPaths.RoutingDomains}/{domain.Rdid}", ResourceDocuments.Of(domain), Json.RoutingDomainDocument),
            p => ProblemFields.Relative(p, ProblemFields.Domain(domain.Rdid))).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(string rdid, HttpContext http, PolicyEngine engine)
    {
        if (!Rdid.TryParse(rdid, out var id))
        {
            return ApiResults.NotFound($"There is no routing domain {rdid}.");
        }

        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.RoutingDomainDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        body.Rdid ??= id.ToString();
        var problems = new List<PolicyProblem>();
        if (new ResourceReader(problems).Read(body) is not { } domain)
        {
            return ApiResults.Problem(400, "The routing domain is not valid.", problems);
        }

        if (domain.Rdid != id)
        {
            return ApiResults.Invalid("rdid", $"The RDID {domain.Rdid} does not match the path's {id}; an RDID cannot change.");
        }

        return await Writes.RunAsync(http, engine,
            state => state.FindDomain(id) is not null ? [ResourceChange.Put(domain)] : throw Writes.Missing($"routing domain {id}"),
            _ => Results.Json(ResourceDocuments.Of(domain), Json.RoutingDomainDocument),
            p => ProblemFields.Relative(p, ProblemFields.Domain(id))).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string rdid, HttpContext http, PolicyEngine engine)
    {
        if (!Rdid.TryParse(rdid, out var id))
        {
            return Task.FromResult(ApiResults.NotFound($"There is no routing domain {rdid}."));
        }

        return Writes.RunAsync(http, engine, state =>
        {
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
