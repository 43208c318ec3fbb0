using System.Globalization;
using Hnv.Client;
using Hnv.Client.Gateway;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// /gateways/{name}/domains: the routing domains a gateway serves, by RDID, and each nat domain's port forwards
/// (/forwards, by protocol and port). A forward is added or removed inside one write, so two callers never undo each other.
/// </summary>
internal static class GatewayDomainEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(RouteGroupBuilder gateways)
    {
        gateways.MapGet("/{name}/domains", (string name, PolicyEngine engine) => engine.Current.Gateways.ContainsKey(name)
                ? Results.Json(new ResourceList<GatewayDomainDocument>
                {
                    Revision = engine.Current.Revision,
                    Items = [.. Served(engine.Current, name).Select(d => View(engine.Current, d))],
                }, Json.ResourceListGatewayDomainDocument)
                : ApiResults.NotFound($"There is no gateway {name}."))
            .Allow(AccessLevel.Read).Produces<ResourceList<GatewayDomainDocument>>();
        gateways.MapGet("/{name}/domains/{rdid}", (string name, string rdid, PolicyEngine engine) =>
                Rdid.TryParse(rdid, out var id) && engine.Current.FindGatewayDomain(name, id) is { } entry
                    ? Results.Json(View(engine.Current, entry), Json.GatewayDomainDocument)
                    : ApiResults.NotFound($"Gateway {name} serves no routing domain {rdid}."))
            .Allow(AccessLevel.Read).Produces<GatewayDomainDocument>();
        gateways.MapPost("/{name}/domains", (string name, HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, name, null))
            .Allow(AccessLevel.Write).Accepts<GatewayDomainDocument>("application/json").Produces<GatewayDomainDocument>(201);
        gateways.MapPut("/{name}/domains/{rdid}", (string name, string rdid, HttpContext http, PolicyEngine engine) => Rdid.TryParse(rdid, out var id)
                ? WriteAsync(http, engine, name, id)
                : Task.FromResult(ApiResults.NotFound($"Gateway {name} serves no routing domain {rdid}.")))
            .Allow(AccessLevel.Write).Accepts<GatewayDomainDocument>("application/json").Produces<GatewayDomainDocument>();
        gateways.MapDelete("/{name}/domains/{rdid}", (string name, string rdid, HttpContext http, PolicyEngine engine) => Writes.RunAsync(http, engine,
                state => [ResourceChange.Remove(ResourceKind.GatewayDomain, Existing(state, name, rdid).Key)], _ => Results.NoContent()))
            .Allow(AccessLevel.Write).Produces(204);
        gateways.MapPost("/{name}/domains/{rdid}/forwards", AddForwardAsync)
            .Allow(AccessLevel.Write).Accepts<PortForwardConfig>("application/json").Produces<GatewayDomainDocument>(201);
        gateways.MapDelete("/{name}/domains/{rdid}/forwards/{protocol}/{port}", (string name, string rdid, string protocol, string port, HttpContext http, PolicyEngine engine) =>
                Writes.RunAsync(http, engine, state =>
                {
                    var entry = Existing(state, name, rdid);
                    var kept = entry.Domain.Forwards.RemoveAll(f => f.Protocol == protocol && f.Port.ToString(CultureInfo.InvariantCulture) == port);
                    return kept.Length == entry.Domain.Forwards.Length
                        ? throw Writes.Missing($"{protocol} port {port} forwarded by gateway {name} for routing domain {rdid}")
                        : [ResourceChange.Put(entry with { Domain = entry.Domain with { Forwards = kept } })];
                }, _ => Results.NoContent()))
            .Allow(AccessLevel.Write).Produces(204);
    }

    /// <summary>The domains <paramref name="gateway"/> serves, in RDID order.</summary>
    public static IEnumerable<GatewayDomainEntry> Served(ControllerState state, string gateway) =>
        state.GatewayServes.GetValueOrDefault(gateway, []).Select(rdid => state.FindGatewayDomain(gateway, rdid)!);

    /// <summary>A served domain as answered: its fields and whether its gateway is the active one.</summary>
    public static GatewayDomainDocument View(ControllerState state, GatewayDomainEntry entry)
    {
        var document = ResourceDocuments.Of(entry);
        document.Active = state.ActiveGateways.GetValueOrDefault(entry.Domain.Rdid) == entry.Gateway;
        return document;
    }

    private static GatewayDomainEntry Existing(ControllerState state, string name, string rdid) =>
        !state.Gateways.ContainsKey(name) ? throw Writes.Missing($"gateway {name}")
        : Rdid.TryParse(rdid, out var id) && state.FindGatewayDomain(name, id) is { } entry ? entry
        : throw WriteRejectedException.NotFound($"Gateway {name} serves no routing domain {rdid}.");

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, string name, Rdid? path)
    {
        var (entry, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.GatewayDomainDocument, "gateway domain", static (read, body) => read.Read(body),
            body =>
            {
                body.Gateway ??= name;
                body.RoutingDomain ??= path?.ToString();
            }).ConfigureAwait(false);
        if (entry is null)
        {
            return error!;
        }

        if (entry.Gateway != name)
        {
            return ApiResults.Invalid("gateway", $"The gateway {entry.Gateway} does not match the path's {name}.");
        }

        if (path is { } rdid && entry.Domain.Rdid != rdid)
        {
            return ApiResults.Invalid("routingDomain", $"The routing domain {entry.Domain.Rdid} does not match the path's {rdid}.");
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            if (!state.Gateways.ContainsKey(name))
            {
                throw Writes.Missing($"gateway {name}");
            }

            var exists = state.FindGatewayDomain(name, entry.Domain.Rdid) is not null;
            return path is null && exists ? throw Writes.Exists("routingDomain", $"Gateway {name}'s domain {entry.Domain.Rdid}")
                : path is not null && !exists ? throw WriteRejectedException.NotFound($"Gateway {name} serves no routing domain {entry.Domain.Rdid}.")
                : [ResourceChange.Put(entry)];
        },
        state => path is null
            ? Writes.Created(http, ApiPaths.GatewayDomain(name, entry.Domain.Rdid.ToString()), View(state, state.FindGatewayDomain(name, entry.Domain.Rdid)!), Json.GatewayDomainDocument)
            : Results.Json(View(state, state.FindGatewayDomain(name, entry.Domain.Rdid)!), Json.GatewayDomainDocument)).ConfigureAwait(false);
    }

    private static async Task<IResult> AddForwardAsync(string name, string rdid, HttpContext http, PolicyEngine engine)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.PortForwardConfig).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var problems = new List<PolicyProblem>();
        if (GatewayDomainReader.ReadForward(body, "", problems) is not { } forward)
        {
            return ApiResults.Problem(400, "The port forward is not valid.", problems);
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            var entry = Existing(state, name, rdid);
            if (entry.Domain.Mode != GatewayMode.Nat)
            {
                throw WriteRejectedException.Invalid("mode", $"The routing domain {rdid} is forwarded unchanged by gateway {name}; only a nat domain has port forwards.");
            }

            if (entry.Domain.Forwards.Any(f => f.Protocol == forward.Protocol && f.Port == forward.Port))
            {
                throw WriteRejectedException.Conflict("port", $"{forward.Protocol} port {forward.Port} is already forwarded for this domain; remove it first.");
            }

            return [ResourceChange.Put(entry with { Domain = entry.Domain with { Forwards = entry.Domain.Forwards.Add(forward) } })];
        },
        state =>
        {
            var entry = state.FindGatewayDomain(name, Rdid.Parse(rdid))!;
            return Writes.Created(http, $"{ApiPaths.GatewayForwards(name, rdid)}/{forward.Protocol}/{forward.Port.ToString(CultureInfo.InvariantCulture)}", View(state, entry), Json.GatewayDomainDocument);
        }).ConfigureAwait(false);
    }
}
