using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
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
        group.MapGet("/", (string? host, string? vsid, PolicyEngine engine, HttpContext http) => List(engine.Current, host, vsid, http.Caller()))
            .Allow(AccessLevel.Read).AllowScoped().Produces<ResourceList<NetworkInterfaceDocument>>();
        group.MapGet("/{name}", (string name, PolicyEngine engine, HttpContext http) =>
                engine.Current.Nics.TryGetValue(name, out var nic) && http.Caller().Sees(engine.Current, nic.Vsid)
                    ? Results.Json(ResourceDocuments.Of(nic), Json.NetworkInterfaceDocument)
                    : ApiResults.NotFound($"There is no network interface {name}."))
            .Allow(AccessLevel.Read).AllowScoped().Produces<NetworkInterfaceDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<NetworkInterfaceDocument>("application/json").Produces<NetworkInterfaceDocument>(201);
        group.MapPut("/{name}", (string name, HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, name))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<NetworkInterfaceDocument>("application/json").Produces<NetworkInterfaceDocument>();
        group.MapDelete("/{name}", (string name, HttpContext http, PolicyEngine engine) => Writes.RunAsync(http, engine,
                state =>
                {
                    var caller = http.Caller();
                    caller.Guard(state.Nics.TryGetValue(name, out var held) && caller.Outside(state, held.Vsid), writtenOutside: false, $"network interface {name}");
                    return state.Nics.ContainsKey(name) ? [ResourceChange.Remove(ResourceKind.NetworkInterface, name)] : throw Writes.Missing($"network interface {name}");
                },
                _ => Results.NoContent()))
            .Allow(AccessLevel.Write).AllowScoped().Produces(204);
    }

    private static IResult List(ControllerState state, string? host, string? vsid, Caller caller)
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
        var items = nics.Where(n => (filter is null || n.Vsid == filter) && caller.Sees(state, n.Vsid)).Select(ResourceDocuments.Of);
        return Results.Json(new ResourceList<NetworkInterfaceDocument> { Revision = state.Revision, Items = [.. items] },
            Json.ResourceListNetworkInterfaceDocument);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, string? path)
    {
        var (nic, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.NetworkInterfaceDocument, "network interface", static (read, body) => read.Read(body),
            body => body.Name ??= path).ConfigureAwait(false);
        if (nic is null)
        {
            return error!;
        }

        if (path is not null && nic.Name != path)
        {
            return ApiResults.Invalid("name", $"The name {nic.Name} does not match the path's {path}; a NIC's name cannot change.");
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine, state =>
        {
            caller.Guard(state.Nics.TryGetValue(nic.Name, out var held) && caller.Outside(state, held.Vsid), caller.Outside(state, nic.Vsid), $"network interface {nic.Name}");
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
