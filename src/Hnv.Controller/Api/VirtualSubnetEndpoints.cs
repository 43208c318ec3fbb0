using System.Globalization;
using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Wire.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>/virtual-subnets: by VSID; listed by ?rdid; removed only when no NIC, record or route uses it.</summary>
internal static class VirtualSubnetEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.VirtualSubnets).WithTags("virtual subnets");
        group.MapGet("/", (string? rdid, PolicyEngine engine, HttpContext http) => List(engine.Current, rdid, http.Caller()))
            .Allow(AccessLevel.Read).AllowScoped().Produces<ResourceList<VirtualSubnetDocument>>();
        group.MapGet("/{vsid}", (string vsid, PolicyEngine engine, HttpContext http) =>
                ParseVsid(vsid) is { } id && engine.Current.FindSubnet(id) is { } subnet && http.Caller().Reaches(subnet.Rdid)
                    ? Results.Json(PolicyDocuments.From(subnet), Json.VirtualSubnetDocument)
                    : ApiResults.NotFound($"There is no virtual subnet {vsid}."))
            .Allow(AccessLevel.Read).AllowScoped().Produces<VirtualSubnetDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<VirtualSubnetDocument>("application/json").Produces<VirtualSubnetDocument>(201);
        group.MapPut("/{vsid}", (string vsid, HttpContext http, PolicyEngine engine) => ParseVsid(vsid) is { } id
                ? WriteAsync(http, engine, id)
                : Task.FromResult(ApiResults.NotFound($"There is no virtual subnet {vsid}.")))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<VirtualSubnetDocument>("application/json").Produces<VirtualSubnetDocument>();
        group.MapDelete("/{vsid}", DeleteAsync).Allow(AccessLevel.Write).AllowScoped().Produces(204);
    }

    public static Vsid? ParseVsid(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && new Vsid(value).IsValid ? new Vsid(value) : null;

    private static IResult List(ControllerState state, string? rdid, Caller caller)
    {
        if (!QueryFilters.TryRdid(rdid, out var filter, out var error))
        {
            return error!;
        }

        var items = state.Policy.RoutingDomains
            .Where(d => (filter is null || d.Rdid == filter) && caller.Reaches(d.Rdid))
            .SelectMany(d => d.Subnets)
            .OrderBy(s => s.Vsid)
            .Select(s => PolicyDocuments.From(s.Subnet));
        return Results.Json(new ResourceList<VirtualSubnetDocument> { Revision = state.Revision, Items = [.. items] }, Json.ResourceListVirtualSubnetDocument);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, Vsid? path)
    {
        var (subnet, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.VirtualSubnetDocument, "virtual subnet", static (read, body) => read.Read(body),
            body => body.Vsid ??= path?.Value).ConfigureAwait(false);
        if (subnet is null)
        {
            return error!;
        }

        if (path is { } id && subnet.Vsid != id)
        {
            return ApiResults.Invalid("vsid", $"The VSID {subnet.Vsid} does not match the path's {id}; a VSID cannot change.");
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine, state =>
        {
            var existing = state.FindSubnet(subnet.Vsid);
            caller.Guard(existing is not null && caller.Outside(existing.Rdid), caller.Outside(subnet.Rdid), $"virtual subnet {subnet.Vsid}");
            if (path is null && existing is not null)
            {
                throw Writes.Exists("vsid", $"The virtual subnet {subnet.Vsid}");
            }

            if (path is not null && existing is null)
            {
                throw Writes.Missing($"virtual subnet {subnet.Vsid}");
            }

            if (existing is not null && existing.Rdid != subnet.Rdid)
            {
                throw WriteRejectedException.Invalid("rdid",
                    $"The virtual subnet {subnet.Vsid} is in routing domain {existing.Rdid}; a subnet cannot move to another routing domain (delete it and create it there).");
            }

            if (state.FindDomain(subnet.Rdid) is null)
            {
                throw WriteRejectedException.Invalid("rdid", $"The RDID {subnet.Rdid} names no routing domain; create it first or use an existing RDID.");
            }

            return [ResourceChange.Put(subnet)];
        },
        _ => path is null
            ? Writes.Created(http, $"{ApiPaths.VirtualSubnets}/{subnet.Vsid}", PolicyDocuments.From(subnet), Json.VirtualSubnetDocument)
            : Results.Json(PolicyDocuments.From(subnet), Json.VirtualSubnetDocument),
        p => ProblemFields.Relative(p, ProblemFields.Subnet(subnet.Vsid))).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string vsid, HttpContext http, PolicyEngine engine)
    {
        if (ParseVsid(vsid) is not { } id)
        {
            return Task.FromResult(ApiResults.NotFound($"There is no virtual subnet {vsid}."));
        }

        var caller = http.Caller();
        return Writes.RunAsync(http, engine, state =>
        {
            caller.Guard(caller.Outside(state, id), writtenOutside: false, $"virtual subnet {id}");
            if (!state.Policy.TryGetSubnet(id, out var subnet))
            {
                throw Writes.Missing($"virtual subnet {id}");
            }

            // A gateway record goes with its subnet: the controller made it.
            var records = subnet.Domain.Records.Count(r => r.Vsid == id && !state.GatewayRecords.ContainsKey(r.Key));
            var routes = subnet.Domain.Routes.Count(r => r.Vsid == id);
            if (records > 0 || routes > 0)
            {
                throw WriteRejectedException.Conflict("vsid",
                    $"The virtual subnet {id} is still used by {records} lookup records (of NICs or explicit) and {routes} customer routes; remove them first.");
            }

            return [ResourceChange.Remove(ResourceKind.VirtualSubnet, ResourceKeys.Subnet(id))];
        }, _ => Results.NoContent());
    }
}
