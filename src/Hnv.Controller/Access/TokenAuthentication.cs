using Hnv.Controller.Api;
using Hnv.Controller.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Access;

/// <summary>
/// Checks every request against its endpoint's <see cref="AccessLevel"/>: 401 without a valid bearer token, 403
/// when the token's role does not allow the endpoint. The token is looked up in the store on every request, so a
/// deleted token stops working at once on every replica. Closed by default: an endpoint that declares no level
/// answers 403 to everyone, so forgetting a declaration never makes an endpoint public; and a token limited to routing
/// domains reaches only endpoints marked <see cref="ScopedAccess"/>.
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next)
{
    public const string CallerItem = "hnv.caller";

    public async Task InvokeAsync(HttpContext context, ControllerStore store)
    {
        // No endpoint (an unknown path) falls through to routing's 404; an endpoint that is not a route is one of
        // routing's own rejections (405, 415), which runs nothing of ours.
        var endpoint = context.GetEndpoint();
        if (endpoint is not RouteEndpoint)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (endpoint.Metadata.GetMetadata<RequiredAccess>()?.Level is not { } level)
        {
            await Deny(context, 403, "This endpoint declares no access level, so nobody may call it.").ConfigureAwait(false);
            return;
        }

        if (level == AccessLevel.Public)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            await Deny(context, 401, "No bearer token: send Authorization: Bearer TOKEN.").ConfigureAwait(false);
            return;
        }

        StoredToken? token;
        try
        {
            token = await store.FindTokenAsync(TokenSecrets.Hash(header[7..].Trim()), context.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            await ApiResults.Unavailable($"The store does not answer, so the token cannot be checked: {e.Message}").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (token is null)
        {
            await Deny(context, 401, "The bearer token is not valid (unknown or deleted).").ConfigureAwait(false);
            return;
        }

        var caller = new Caller(token.Name, token.Role, token.Host, token.Hash) { Scope = TokenScopes.Parse(token.Scope) };
        if (caller.IsScoped && endpoint.Metadata.GetMetadata<ScopedAccess>() is null)
        {
            await Deny(context, 403, $"The token {caller.Name} is limited to {caller.Scope!.Count} routing domain(s); hosts, provider addresses, gateways, tokens, status and watches are the operators'.")
                .ConfigureAwait(false);
            return;
        }

        var host = context.Request.RouteValues["name"] as string;
        var allowed = level switch
        {
            AccessLevel.Read => caller.CanRead,
            AccessLevel.Write => caller.CanWrite,
            AccessLevel.ReadOrHostAgent => caller.CanRead || (host is not null && caller.IsAgentOf(host)),
            AccessLevel.WriteOrHostAgent => caller.CanWrite || (host is not null && caller.IsAgentOf(host)),
            _ => caller.CanRead,
        };
        if (!allowed)
        {
            await Deny(context, 403, $"The {caller.Role} token {caller.Name} may not do this: {Why(caller, level)}").ConfigureAwait(false);
            return;
        }

        context.Items[CallerItem] = caller;
        await next(context).ConfigureAwait(false);
    }

    private static string Why(Caller caller, AccessLevel level) => caller.Role switch
    {
        Client.Access.TokenRoles.Agent => $"an agent token only watches and reports for its own host ({caller.Host}).",
        _ when level is AccessLevel.Write or AccessLevel.WriteOrHostAgent => "changing anything needs a write token.",
        _ => "this needs another role.",
    };

    private static Task Deny(HttpContext context, int status, string title)
    {
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return ApiResults.Problem(status, title).ExecuteAsync(context);
    }
}
