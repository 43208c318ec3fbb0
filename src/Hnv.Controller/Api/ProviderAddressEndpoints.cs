using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// /provider-addresses: a host's PA, by PA; listed by ?host. Adding or removing one re-derives the records of the
/// host's NICs (a CA travels over the PA of its family when the host has both).
/// </summary>
internal static class ProviderAddressEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.ProviderAddresses).WithTags("provider addresses");
        group.MapGet("/", (string? host, PolicyEngine engine) => Results.Json(
                new ResourceList<ProviderAddressDocument>
                {
                    Revision = engine.Current.Revision,
                    Items = [.. engine.Current.HostPas.Where(h => host is null || h.Key == host).OrderBy(h => h.Key, StringComparer.Ordinal)
                        .SelectMany(h => h.Value).Select(ResourceDocuments.Of)],
                },
                Json.ResourceListProviderAddressDocument))
            .Allow(AccessLevel.Read).Produces<ResourceList<ProviderAddressDocument>>();
        group.MapGet("/{pa}", (string pa, PolicyEngine engine) => IpAddress.TryParse(pa, out var address) && engine.Current.FindProviderAddress(address) is { } found
                ? Results.Json(ResourceDocuments.Of(found), Json.ProviderAddressDocument)
                : ApiResults.NotFound($"There is no provider address {pa}."))
            .Allow(AccessLevel.Read).Produces<ProviderAddressDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).Accepts<ProviderAddressDocument>("application/json").Produces<ProviderAddressDocument>(201);
        group.MapPut("/{pa}", (string pa, HttpContext http, PolicyEngine engine) => IpAddress.TryParse(pa, out var address)
                ? WriteAsync(http, engine, address)
                : Task.FromResult(ApiResults.NotFound($"There is no provider address {pa}.")))
            .Allow(AccessLevel.Write).Accepts<ProviderAddressDocument>("application/json").Produces<ProviderAddressDocument>();
        group.MapDelete("/{pa}", (string pa, HttpContext http, PolicyEngine engine) => IpAddress.TryParse(pa, out var address)
                ? Writes.RunAsync(http, engine, state => Remove(state, address), _ => Results.NoContent())
                : Task.FromResult(ApiResults.NotFound($"There is no provider address {pa}.")))
            .Allow(AccessLevel.Write).Produces(204);
    }

    private static List<ResourceChange> Remove(ControllerState state, IpAddress pa)
    {
        if (state.FindProviderAddress(pa) is not { } address)
        {
            throw Writes.Missing($"provider address {pa}");
        }

        CheckUnused(state, address, null);
        return [ResourceChange.Remove(ResourceKind.ProviderAddress, ResourceKeys.ProviderAddress(pa))];
    }

    /// <summary>409 when explicit records name the PA, or when it is the last PA of a host that still has NICs.</summary>
    private static void CheckUnused(ControllerState state, Policy.Model.ProviderAddress address, Policy.Model.ProviderAddress? replacement)
    {
        if (replacement is not null && replacement.Host == address.Host)
        {
            return;
        }

        var records = state.ExplicitRecords.Values.Count(r => r.Pa == address.Pa);
        if (records > 0)
        {
            throw WriteRejectedException.Conflict("pa", $"The PA {address.Pa} is still named by {records} explicit lookup records; change or remove them first.");
        }

        var nics = state.NicsByHost.GetValueOrDefault(address.Host)?.Count ?? 0;
        if (nics > 0 && state.HostPas[address.Host].Length == 1)
        {
            throw WriteRejectedException.Conflict("pa", $"The PA {address.Pa} is the last one of host {address.Host}, which still has {nics} network interfaces; move or remove them first.");
        }
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, IpAddress? path)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.ProviderAddressDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        body.Pa ??= path?.ToString();
        var problems = new List<PolicyProblem>();
        if (new ResourceReader(problems).Read(body) is not { } address)
        {
            return ApiResults.Problem(400, "The provider address is not valid.", problems);
        }

        if (path is { } pa && address.Pa != pa)
        {
            return ApiResults.Invalid("pa", $"The PA {address.Pa} does not match the path's {pa}.");
        }

        return await Writes.RunAsync(http, engine, state =>
        {
            var existing = state.FindProviderAddress(address.Pa);
            if (path is null && existing is not null)
            {
                throw Writes.Exists("pa", $"The provider address {address.Pa} (of host {existing.Host})");
            }

            if (path is not null && existing is null)
            {
                throw Writes.Missing($"provider address {address.Pa}");
            }

            if (!state.Hosts.ContainsKey(address.Host))
            {
                throw WriteRejectedException.Invalid("host", $"The host {address.Host} is not known; create it (POST {ApiPaths.Hosts}) first.");
            }

            if (existing is not null)
            {
                CheckUnused(state, existing, address);
            }

            return [ResourceChange.Put(address)];
        },
        _ => path is null
            ? Writes.Created(http, $"{ApiPaths.ProviderAddresses}/{Uri.EscapeDataString(address.Pa.ToString())}", ResourceDocuments.Of(address), Json.ProviderAddressDocument)
            : Results.Json(ResourceDocuments.Of(address), Json.ProviderAddressDocument),
        p => ProblemFields.Relative(p, ProblemFields.ProviderAddress(address))).ConfigureAwait(false);
    }
}
