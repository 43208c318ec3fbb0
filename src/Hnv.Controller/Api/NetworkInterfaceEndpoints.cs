using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// /network-interfaces: a VM's NIC by name; listed by ?host and ?vsid. Its lookup records are derived (one per CA,
/// to the NIC's MAC and its host's PA) and move with it when its host changes.
/// </summary>
internal static class NetworkInterfaceEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.NetworkInterfaces).WithTags("network interfaces");
        group.MapGet("/", (string? host, string? vsid, PolicyEngine engine) => List(engine.Current, host, vsid))
            .Allow(AccessLevel.Read).Produces<ResourceList<NetworkInterfaceDocument>>();
        group.MapGet("/{name}", (string name, PolicyEngine engine) => engine.Current.Nics.TryGetValue(name, out var nic)
                ? Results.Json(ResourceDocuments.Of(nic), Json.NetworkInterfaceDocument)
                : ApiResults.NotFound($"There is no network interface {name}."))
            .Allow(AccessLevel.Read).Produces<NetworkInterfaceDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).Accepts<NetworkInterfaceDocument>("application/json").Produces<NetworkInterfaceDocument>(201);
        group.MapPut("/{name}", (string name, HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, name))
            .Allow(AccessLevel.Write).Accepts<NetworkInterfaceDocument>("application/json").Produces<NetworkInterfaceDocument>();
        group.MapDelete("/{name}", (string name, HttpContext http, PolicyEngine engine) => Writes.RunAsync(http, engine,
                state => state.Nics.ContainsKey(name) ? [ResourceChange.Remove(ResourceKind.NetworkInterface, name)] : throw Writes.Missing($"network interface {name}"),
                _ => Results.NoContent()))
            .Allow(AccessLevel.Write).Produces(204);
    }

    private static IResult List(ControllerState state, string? host, string? vsid)
    {
        Wire.Tunnel.Vsid? filter = null;
        if (vsid is not null)
        {
            filter = VirtualSubnetEndpoints.ParseVsid(vsid);
            if (filter is null)
            {
                return ApiResults.Invalid("vsid", $"'{vsid}' is not a VSID; expected a number from 4096 to 16777214.");
            }
        }

        IEnumerable<NetworkInterface> nics = host is null
            ? state.Nics.Values
            : state.NicsByHost.GetValueOrDefault(host, []).Select(n => state.Nics[n]);
        var items = nics.Where(n => filter is null || n.Vsid == filter).Select(ResourceDocuments.Of);
        return Results.Json(new ResourceList<NetworkInterfaceDocument> { Revision = state.Revision, Items = [.. items] },
            Json.ResourceListNetworkInterfaceDocument);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, string? path)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.NetworkInterfaceDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        body.Name ??= path;
        var problems = new List<PolicyProblem>();
        if (new ResourceReader(problems).Read(body) is not { } nic)
        {
            return ApiResults.Problem(400, "The network interface is not valid.", problems);
        }

        if (path is not null && nic.Name != path)
        {
            return ApiResults.Invalid("name", $"The name {nic.Name} does not match the path's {path}; a NIC's name cannot change.");
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            var exists = state.Nics.ContainsKey(nic.Name);
            if (path is null && exists)
            {
                throw Writes.Exists("name", $"The network interface {nic.Name}");
            }

            if (path is not null && !exists)
            {
                throw Writes.Missing($"network interface {nic.Name}");
            }

            if (!state.Hosts.ContainsKey(nic.Host))
            {
                throw WriteRejectedException.Invalid("host", $"The host {nic.Host} is not known; create it (POST {ApiPaths.Hosts}) first.");
            }

            if (state.FindSubnet(nic.Vsid) is null)
            {
                throw WriteRejectedException.Invalid("vsid", $"The VSID {nic.Vsid} names no virtual subnet; create it first or use an existing VSID.");
            }

            return [ResourceChange.Put(nic)];
        },
        _ => path is null
            ? Writes.Created(http, $"{ApiPaths.NetworkInterfaces}/{Uri.EscapeDataString(nic.Name)}", ResourceDocuments.Of(nic), Json.NetworkInterfaceDocument)
            : Results.Json(ResourceDocuments.Of(nic), Json.NetworkInterfaceDocument),
        p => ProblemFields.OfNic(p, nic)).ConfigureAwait(false);
    }
}
