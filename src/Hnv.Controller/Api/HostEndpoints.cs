using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Controller.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>/hosts: by name; removed only when no NIC, PA or provider route names it. Also issues agent credentials.</summary>
internal static class HostEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.Hosts).WithTags("hosts");
        group.MapGet("/", (PolicyEngine engine) => Results.Json(
                new ResourceList<HostDocument> { Revision = engine.Current.Revision, Items = [.. engine.Current.Hosts.Values.Select(ResourceDocuments.Of)] },
                Json.ResourceListHostDocument))
            .Allow(AccessLevel.Read).Produces<ResourceList<HostDocument>>();
        group.MapGet("/{name}", (string name, PolicyEngine engine) => engine.Current.Hosts.TryGetValue(name, out var host)
                ? Results.Json(ResourceDocuments.Of(host), Json.HostDocument)
                : ApiResults.NotFound($"There is no host {name}."))
            .Allow(AccessLevel.Read).Produces<HostDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).Accepts<HostDocument>("application/json").Produces<HostDocument>(201);
        group.MapPut("/{name}", (string name, HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, name))
            .Allow(AccessLevel.Write).Accepts<HostDocument>("application/json").Produces<HostDocument>();
        group.MapDelete("/{name}", DeleteAsync).Allow(AccessLevel.Write).Produces(204);
        group.MapPost("/{name}/credential", CredentialAsync).Allow(AccessLevel.Write).Produces<TokenDocument>(201);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, string? path)
    {
        var (host, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.HostDocument, "host", static (read, body) => read.Read(body),
            body => body.Name ??= path).ConfigureAwait(false);
        if (host is null)
        {
            return error!;
        }

        if (path is not null && host.Name != path)
        {
            return ApiResults.Invalid("name", $"The name {host.Name} does not match the path's {path}; a host's name cannot change.");
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            var exists = state.Hosts.ContainsKey(host.Name);
            return path is null && exists ? throw Writes.Exists("name", $"The host {host.Name}")
                : path is not null && !exists ? throw Writes.Missing($"host {host.Name}")
                : [ResourceChange.Put(host)];
        },
        _ => path is null
            ? Writes.Created(http, $"{ApiPaths.Hosts}/{Uri.EscapeDataString(host.Name)}", ResourceDocuments.Of(host), Json.HostDocument)
            : Results.Json(ResourceDocuments.Of(host), Json.HostDocument)).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, PolicyEngine engine, ControllerStore store, TokenRevocations revocations)
    {
        var result = await Writes.RunAsync(http, engine, state =>
        {
            if (!state.Hosts.ContainsKey(name))
            {
                throw Writes.Missing($"host {name}");
            }

            var nics = state.NicsByHost.GetValueOrDefault(name)?.Count ?? 0;
            var pas = state.HostPas.GetValueOrDefault(name, []).Length;
            var routes = state.HostRoutes.GetValueOrDefault(name, []).Length;
            if (nics + pas + routes > 0)
            {
                throw WriteRejectedException.Conflict("name",
                    $"The host {name} is still used by {nics} network interfaces, {pas} provider addresses and {routes} provider routes; remove them first.");
            }

            return [ResourceChange.Remove(ResourceKind.Host, name)];
        }, _ => Results.NoContent()).ConfigureAwait(false);
        if (result is IStatusCodeHttpResult { StatusCode: 204 })
        {
            // Its agent token and last report go with it.
            await store.ForgetHostAsync(name, http.RequestAborted).ConfigureAwait(false);
            revocations.Revoked();
        }

        return result;
    }

    private static async Task<IResult> CredentialAsync(string name, HttpContext http, PolicyEngine engine, ControllerStore store, TokenRevocations revocations, TimeProvider time)
    {
        if (!engine.Current.Hosts.ContainsKey(name))
        {
            return ApiResults.NotFound($"There is no host {name}.");
        }

        var secret = TokenSecrets.NewSecret();
        var token = new StoredToken($"agent-{name}", TokenRoles.Agent, name, TokenSecrets.Hash(secret), time.GetUtcNow());
        await store.ReplaceTokenAsync(token, http.RequestAborted).ConfigureAwait(false);
        revocations.Revoked(); // the host's old credential ends its open watch at once
        return Writes.Created(http, $"{ApiPaths.Tokens}/{Uri.EscapeDataString(token.Name)}",
            new TokenDocument { Name = token.Name, Role = token.Role, Host = name, Secret = secret, Created = token.Created }, Json.TokenDocument);
    }
}
