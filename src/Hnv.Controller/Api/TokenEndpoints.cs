using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Logging;
using Hnv.Controller.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Api;

/// <summary>
/// /tokens: operator tokens ("read" or "write", optionally limited to routing domains); listed without secrets; the secret
/// is in the create answer only. The last write token that reaches everything cannot be deleted (409), so operators never
/// lock themselves out.
/// </summary>
internal static class TokenEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.Tokens).WithTags("tokens");
        group.MapGet("/", async (ControllerStore store, HttpContext http) =>
            {
                var tokens = await store.ListTokensAsync(http.RequestAborted).ConfigureAwait(false);
                return Results.Json(
                    new ResourceList<TokenDocument>
                    {
                        Items = [.. tokens.Select(t => new TokenDocument
                        {
                            Name = t.Name, Role = t.Role, Host = t.Host, Created = t.Created, RoutingDomains = TokenScopes.Parse(t.Scope) is { } scope ? TokenScopes.Texts(scope) : null,
                        })],
                    },
                    Json.ResourceListTokenDocument);
            })
            .Allow(AccessLevel.Read).Produces<ResourceList<TokenDocument>>();
        group.MapPost("/", CreateAsync).Allow(AccessLevel.Write).Accepts<TokenDocument>("application/json").Produces<TokenDocument>(201);
        group.MapDelete("/{name}", async (string name, ControllerStore store, TokenRevocations revocations, HttpContext http, ILogger<ControllerStore> logger) =>
            {
                switch (await store.DeleteTokenAsync(name, http.RequestAborted).ConfigureAwait(false))
                {
                    case TokenDeletion.Missing:
                        return ApiResults.NotFound($"There is no token {name}.");
                    case TokenDeletion.LastWriteToken:
                        return ApiResults.Conflict("name",
                            $"The token {name} is the last write token: without it nobody could change anything. Create another write token first "
                            + "(a locked-out controller is recovered with 'hnv-controller token reset' on its machine; see docs/controller.md).");
                }

                revocations.Revoked();

                ControllerLog.TokenDeleted(logger, name, http.Caller().ToString());
                return Results.NoContent();
            })
            .Allow(AccessLevel.Write).Produces(204);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ControllerStore store, TimeProvider time, ILogger<ControllerStore> logger)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.TokenDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var problems = new List<Policy.Validation.PolicyProblem>();
        if (!TokenNames.IsOperatorName(body.Name))
        {
            problems.Add(new("name", $"The token name '{body.Name}' is not valid; expected {TokenNames.Rule}."));
        }

        if (body.Role is not (TokenRoles.Read or TokenRoles.Write))
        {
            problems.Add(new("role", $"The role '{body.Role}' is not an operator role; expected \"read\" or \"write\" (an agent token comes from POST {ApiPaths.Hosts}/NAME/credential)."));
        }

        if (body.Host is not null || body.Secret is not null || body.Created is not null)
        {
            problems.Add(new(body.Host is not null ? "host" : body.Secret is not null ? "secret" : "created", "The controller sets this field; leave it out."));
        }

        var scope = Scope(body.RoutingDomains, problems);
        if (problems.Count > 0)
        {
            return ApiResults.Problem(400, "The token is not valid.", problems);
        }

        var secret = TokenSecrets.NewSecret();
        var token = new StoredToken(body.Name!, body.Role!, null, TokenSecrets.Hash(secret), time.GetUtcNow()) { Scope = scope is null ? null : TokenScopes.Format(scope) };
        if (!await store.AddTokenAsync(token, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiResults.Conflict("name", $"The token {token.Name} exists already; delete it first or choose another name.");
        }

        ControllerLog.TokenCreated(logger, token.Name, token.Role, http.Caller().ToString());
        return Writes.Created(http, $"{ApiPaths.Tokens}/{Uri.EscapeDataString(token.Name)}",
            new TokenDocument { Name = token.Name, Role = token.Role, Secret = secret, Created = token.Created, RoutingDomains = scope is null ? null : TokenScopes.Texts(scope) },
            Json.TokenDocument);
    }

    /// <summary>The routing domains a token is limited to (null: not limited); each must be an RDID, listed once (the domains need not exist yet).</summary>
    private static HashSet<Policy.Model.Rdid>? Scope(List<string>? rdids, List<Policy.Validation.PolicyProblem> problems)
    {
        if (rdids is null)
        {
            return null;
        }

        if (rdids.Count is 0 or > TokenScopes.MaxDomains)
        {
            problems.Add(new("routingDomains", $"A limited token names 1 to {TokenScopes.MaxDomains} routing domains; leave the field out for a token that reaches all."));
            return null;
        }

        var scope = new HashSet<Policy.Model.Rdid>();
        for (var i = 0; i < rdids.Count; i++)
        {
            if (!Policy.Model.Rdid.TryParse(rdids[i], out var rdid) || rdid.Value == Guid.Empty)
            {
                problems.Add(new($"routingDomains[{i}]", $"'{rdids[i]}' is not an RDID (a GUID)."));
            }
            else if (!scope.Add(rdid))
            {
                problems.Add(new($"routingDomains[{i}]", $"The routing domain {rdid} is listed twice; list each once."));
            }
        }

        return scope;
    }
}
