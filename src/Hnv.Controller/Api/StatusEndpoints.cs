using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Status;
using Hnv.Controller.Access;
using Hnv.Controller.State;
using Hnv.Controller.Status;
using Hnv.Controller.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>GET /healthz (no token), GET /status, GET and POST /hosts/{name}/status (an agent reports what it applied).</summary>
internal static class StatusEndpoints
{
    // IPv6 needs 1280 on every link; 65535 is the largest IP packet.
    private const int MinUnderlayMtu = 1280;
    private const int MaxUnderlayMtu = 65535;
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app, string replica)
    {
        app.MapGet(ApiPaths.Health, async (ControllerStore store, HttpContext http) =>
                await store.PingAsync(http.RequestAborted).ConfigureAwait(false)
                    ? Results.Text("ok\n")
                    : ApiResults.Unavailable($"The store ({store.Kind}) does not answer."))
            .Allow(AccessLevel.Public).WithTags("status");
        app.MapGet(ApiPaths.Status, async (PolicyEngine engine, HostStatusBook book, HttpContext http) => Results.Json(
                new ControllerStatus
                {
                    Revision = engine.Current.Revision,
                    Store = engine.Store.Kind,
                    Replica = replica,
                    Version = typeof(StatusEndpoints).Assembly.GetName().Version?.ToString(),
                    Hosts = await book.AllAsync(http.RequestAborted).ConfigureAwait(false),
                },
                Json.ControllerStatus))
            .Allow(AccessLevel.Read).WithTags("status").Produces<ControllerStatus>();
        app.MapGet(ApiPaths.Hosts + "/{name}/status", async (string name, PolicyEngine engine, HostStatusBook book, HttpContext http) =>
                engine.Current.Hosts.ContainsKey(name)
                    ? Results.Json(await book.OneAsync(name, http.RequestAborted).ConfigureAwait(false), Json.HostStatus)
                    : ApiResults.NotFound($"There is no host {name}."))
            .Allow(AccessLevel.ReadOrHostAgent).WithTags("status").Produces<HostStatus>();
        app.MapPost(ApiPaths.Hosts + "/{name}/status", ReportAsync)
            .Allow(AccessLevel.WriteOrHostAgent).WithTags("status").Accepts<HostStatusReport>("application/json").Produces<HostStatus>();
    }

    private static async Task<IResult> ReportAsync(string name, HttpContext http, PolicyEngine engine, HostStatusBook book, WatchRegistry watches, TimeProvider time)
    {
        if (!engine.Current.Hosts.ContainsKey(name))
        {
            return ApiResults.NotFound($"There is no host {name}.");
        }

        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.HostStatusReport).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Revision < 0 || body.Ports < 0)
        {
            return ApiResults.Invalid(body.Revision < 0 ? "revision" : "ports", "The value is negative; expected 0 or more.");
        }

        if (body.UnderlayMtu is < MinUnderlayMtu or > MaxUnderlayMtu)
        {
            return ApiResults.Invalid("underlayMtu", $"The MTU {body.UnderlayMtu} is out of range; expected {MinUnderlayMtu} to {MaxUnderlayMtu}.");
        }

        if (body.Revision > engine.Current.Revision)
        {
            await engine.CatchUpAsync(http.RequestAborted).ConfigureAwait(false); // another replica may have written it
            if (body.Revision > engine.Current.Revision)
            {
                return ApiResults.Invalid("revision", $"The revision {body.Revision} does not exist; the policy is at {engine.Current.Revision}, and an agent reports only what it was sent.");
            }
        }

        try
        {
            await engine.Store.SaveReportAsync(new StoredHostReport(name, body.Revision, body.Ports, body.Version, time.GetUtcNow(), ReportDetail.Of(body)), http.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            return ApiResults.Unavailable($"The store refused the report: {e.Message}");
        }

        watches.Seen(name);
        return Results.Json(await book.OneAsync(name, http.RequestAborted).ConfigureAwait(false), Json.HostStatus);
    }
}
