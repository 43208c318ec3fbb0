using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// /lookup-records: every record is listed (by ?vsid, ?rdid) with its source; only explicit ones (gateways, NICs
/// the controller does not manage) are written here, by VSID and CA. A NIC's records change through the NIC.
/// </summary>
internal static class LookupRecordEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.LookupRecords).WithTags("lookup records");
        group.MapGet("/", (string? vsid, string? rdid, PolicyEngine engine, HttpContext http) => List(engine.Current, vsid, rdid, http.Caller()))
            .Allow(AccessLevel.Read).AllowScoped().Produces<ResourceList<LookupRecordView>>();
        group.MapGet("/{vsid}/{ca}", (string vsid, string ca, PolicyEngine engine, HttpContext http) =>
                Key(vsid, ca) is { } key && engine.Current.FindRecord(key) is { } record && http.Caller().Sees(engine.Current, key.Vsid)
                    ? Results.Json(ResourceDocuments.View(record, engine.Current.RecordSource(key)), Json.LookupRecordView)
                    : ApiResults.NotFound($"There is no lookup record of CA {ca} in VSID {vsid}."))
            .Allow(AccessLevel.Read).AllowScoped().Produces<LookupRecordView>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<LookupRecordDocument>("application/json").Produces<LookupRecordView>(201);
        group.MapPut("/{vsid}/{ca}", (string vsid, string ca, HttpContext http, PolicyEngine engine) => Key(vsid, ca) is { } key
                ? WriteAsync(http, engine, key)
                : Task.FromResult(ApiResults.NotFound($"There is no lookup record of CA {ca} in VSID {vsid}.")))
            .Allow(AccessLevel.Write).AllowScoped().Accepts<LookupRecordDocument>("application/json").Produces<LookupRecordView>();
        group.MapDelete("/{vsid}/{ca}", (string vsid, string ca, HttpContext http, PolicyEngine engine) => Key(vsid, ca) is { } key
                ? Writes.RunAsync(http, engine, state =>
                {
                    http.Caller().Guard(http.Caller().Outside(state, key.Vsid), writtenOutside: false, $"lookup record of CA {key.Ca} in VSID {key.Vsid}");
                    return [ResourceChange.Remove(ResourceKind.LookupRecord, ResourceKeys.Record(Explicit(state, key)))];
                }, _ => Results.NoContent())
                : Task.FromResult(ApiResults.NotFound($"There is no lookup record of CA {ca} in VSID {vsid}.")))
            .Allow(AccessLevel.Write).AllowScoped().Produces(204);
    }

    private static LookupRecordKey? Key(string vsid, string ca) =>
        VirtualSubnetEndpoints.ParseVsid(vsid) is { } id && IpAddress.TryParse(ca, out var address) ? new LookupRecordKey(id, address) : null;

    /// <summary>The key of an explicit record that exists; 404 when none, 409 when it is a NIC's.</summary>
    private static LookupRecordKey Explicit(ControllerState state, LookupRecordKey key)
    {
        if (state.RecordNics.TryGetValue(key, out var nic))
        {
            throw WriteRejectedException.Conflict("ca", $"The record of CA {key.Ca} in VSID {key.Vsid} comes from network interface {nic}; change it through the NIC.");
        }

        if (state.GatewayRecords.ContainsKey(key))
        {
            throw WriteRejectedException.Conflict("ca", $"The GatewayWildcard record of VSID {key.Vsid} comes from the gateways serving its routing domain; change them (/gateways) instead.");
        }

        return state.ExplicitRecords.ContainsKey(key) ? key : throw Writes.Missing($"lookup record of CA {key.Ca} in VSID {key.Vsid}");
    }

    private static IResult List(ControllerState state, string? vsid, string? rdid, Caller caller)
    {
        Wire.Tunnel.Vsid? vsidFilter = null;
        if (vsid is not null && (vsidFilter = VirtualSubnetEndpoints.ParseVsid(vsid)) is null)
        {
            return ApiResults.Invalid("vsid", $"'{vsid}' is not a VSID; expected a number from 4096 to 16777214.");
        }

        if (!QueryFilters.TryRdid(rdid, out var rdidFilter, out var error))
        {
            return error!;
        }

        var items = state.Policy.RoutingDomains
            .Where(d => (rdidFilter is null || d.Rdid == rdidFilter) && caller.Reaches(d.Rdid))
            .SelectMany(d => d.Records)
            .Where(r => vsidFilter is null || r.Vsid == vsidFilter)
            .OrderBy(r => r.Vsid).ThenBy(r => r.Ca.IsV6).ThenBy(r => r.Ca.Value)
            .Select(r => ResourceDocuments.View(r, state.RecordSource(r.Key)));
        return Results.Json(new ResourceList<LookupRecordView> { Revision = state.Revision, Items = [.. items] }, Json.ResourceListLookupRecordView);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, LookupRecordKey? path)
    {
        var (record, error) = await RequestBody.ReadItemAsync(http.Request, ClientJsonContext.Strict.LookupRecordDocument, "lookup record", static (read, body) => read.Read(body),
            body =>
            {
                body.Vsid ??= path?.Vsid.Value;
                body.Ca ??= path?.Ca.ToString();
            }).ConfigureAwait(false);
        if (record is null)
        {
            return error!;
        }

        if (path is { } key && record.Key != key)
        {
            return ApiResults.Invalid(record.Vsid != key.Vsid ? "vsid" : "ca", $"The record's VSID and CA ({record.Vsid}, {record.Ca}) do not match the path's ({key.Vsid}, {key.Ca}).");
        }

        var caller = http.Caller();
        return await Writes.RunAsync(http, engine, state =>
        {
            caller.Guard(path is { } named && caller.Outside(state, named.Vsid), caller.Outside(state, record.Vsid), $"lookup record of CA {record.Ca} in VSID {record.Vsid}");
            if (path is null && state.FindRecord(record.Key) is not null)
            {
                throw Writes.Exists("ca", $"The lookup record of CA {record.Ca} in VSID {record.Vsid}");
            }

            if (path is not null)
            {
                Explicit(state, record.Key);
            }

            return [ResourceChange.Put(record)];
        },
        _ => path is null
            ? Writes.Created(http, $"{ApiPaths.LookupRecords}/{record.Vsid}/{Uri.EscapeDataString(record.Ca.ToString())}", ResourceDocuments.View(record, null), Json.LookupRecordView)
            : Results.Json(ResourceDocuments.View(record, null), Json.LookupRecordView),
        p => ProblemFields.Relative(p, ProblemFields.Record(record.Key))).ConfigureAwait(false);
    }
}
