using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Access;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// /gateways: by name. Creating one registers its node (a host of the same name) and the PAs it is given, in the same
/// revision; removing one removes the domains it serves (the node stays: its PAs and credential are a host's).
/// </summary>
internal static class GatewayEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiPaths.Gateways).WithTags("gateways");
        group.MapGet("/", (PolicyEngine engine) => Results.Json(
                new ResourceList<GatewayDocument> { Revision = engine.Current.Revision, Items = [.. engine.Current.Gateways.Values.Select(g => View(engine.Current, g))] },
                Json.ResourceListGatewayDocument))
            .Allow(AccessLevel.Read).Produces<ResourceList<GatewayDocument>>();
        group.MapGet("/{name}", (string name, PolicyEngine engine) => engine.Current.Gateways.TryGetValue(name, out var gateway)
                ? Results.Json(View(engine.Current, gateway), Json.GatewayDocument)
                : ApiResults.NotFound($"There is no gateway {name}."))
            .Allow(AccessLevel.Read).Produces<GatewayDocument>();
        group.MapPost("/", (HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, null))
            .Allow(AccessLevel.Write).Accepts<GatewayDocument>("application/json").Produces<GatewayDocument>(201);
        group.MapPut("/{name}", (string name, HttpContext http, PolicyEngine engine) => WriteAsync(http, engine, name))
            .Allow(AccessLevel.Write).Accepts<GatewayDocument>("application/json").Produces<GatewayDocument>();
        group.MapDelete("/{name}", (string name, HttpContext http, PolicyEngine engine) => Writes.RunAsync(http, engine, state =>
            {
                if (!state.Gateways.ContainsKey(name))
                {
                    throw Writes.Missing($"gateway {name}");
                }

                var changes = GatewayDomainEndpoints.Served(state, name).Select(d => ResourceChange.Remove(ResourceKind.GatewayDomain, d.Key)).ToList();
                changes.Add(ResourceChange.Remove(ResourceKind.GatewayHealth, name));
                changes.Add(ResourceChange.Remove(ResourceKind.Gateway, name));
                return changes;
            }, _ => Results.NoContent()))
            .Allow(AccessLevel.Write).Produces(204);
        GatewayDomainEndpoints.Map(group);
    }

    /// <summary>A gateway as answered: its fields, its node's PAs, whether it is alive, and what it serves.</summary>
    public static GatewayDocument View(ControllerState state, GatewayEntry gateway)
    {
        var document = ResourceDocuments.Of(gateway);
        document.ProviderAddresses = [.. state.HostPas.GetValueOrDefault(gateway.Name, []).Select(PolicyDocuments.From)];
        document.Alive = state.AliveGateways.Contains(gateway.Name);
        document.Domains = [.. GatewayDomainEndpoints.Served(state, gateway.Name).Select(d => GatewayDomainEndpoints.View(state, d))];
        return document;
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PolicyEngine engine, string? path)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.GatewayDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        body.Name ??= path;
        var problems = new List<PolicyProblem>();
        var reader = new ResourceReader(problems);
        var gateway = reader.Read(body);
        if (body.Alive is not null || body.Domains is not null)
        {
            problems.Add(new(body.Alive is not null ? "alive" : "domains", "This field is the controller's answer; leave it out (domains are written at /gateways/{name}/domains)."));
        }

        var addresses = new List<Policy.Model.ProviderAddress>();
        for (var i = 0; i < (body.ProviderAddresses?.Count ?? 0); i++)
        {
            if (body.ProviderAddresses![i] is not { } document)
            {
                problems.Add(new($"providerAddresses[{i}]", "The entry is null; expected {\"pa\": \"192.0.2.100\", \"prefixLength\": 24}."));
                continue;
            }

            document.Host ??= body.Name;
            if (new ResourceReader(problems, $"providerAddresses[{i}]").Read(document) is { } address)
            {
                addresses.Add(address);
            }
        }

        if (gateway is null || problems.Count > 0)
        {
            return ApiResults.Problem(400, "The gateway is not valid.", problems);
        }

        if (path is not null && gateway.Name != path)
        {
            return ApiResults.Invalid("name", $"The name {gateway.Name} does not match the path's {path}; a gateway's name cannot change.");
        }

        if (addresses.FirstOrDefault(a => a.Host != gateway.Name) is { } foreign)
        {
            return ApiResults.Invalid("providerAddresses", $"The PA {foreign.Pa} names host {foreign.Host}; a gateway's PAs are its own node's ({gateway.Name}).");
        }

        return await Writes.RunAsync(http, engine, state => Plan(state, gateway, addresses, path is null),
            state => path is null
                ? Writes.Created(http, ApiPaths.Gateway(gateway.Name), View(state, state.Gateways[gateway.Name]), Json.GatewayDocument)
                : Results.Json(View(state, state.Gateways[gateway.Name]), Json.GatewayDocument),
            problems => addresses.Select((a, i) => (Path: ProblemFields.ProviderAddress(a), Index: i)).Aggregate(problems, (named, address) =>
                named.Select(p => p.Field.StartsWith(address.Path + ".", StringComparison.Ordinal)
                    ? p with { Field = $"providerAddresses[{address.Index}]{p.Field[address.Path.Length..]}" }
                    : p))).ConfigureAwait(false);
    }

    /// <summary>The gateway, and its node and PAs where they are missing; a PA of another host is a conflict.</summary>
    private static List<ResourceChange> Plan(ControllerState state, GatewayEntry gateway, List<Policy.Model.ProviderAddress> addresses, bool create)
    {
        var exists = state.Gateways.ContainsKey(gateway.Name);
        if (create && exists)
        {
            throw Writes.Exists("name", $"The gateway {gateway.Name}");
        }

        if (!create && !exists)
        {
            throw Writes.Missing($"gateway {gateway.Name}");
        }

        var changes = new List<ResourceChange>();
        if (!state.Hosts.ContainsKey(gateway.Name))
        {
            changes.Add(ResourceChange.Put(new HostEntry(gateway.Name, "gateway")));
        }

        foreach (var address in addresses)
        {
            if (state.FindProviderAddress(address.Pa) is { } held && held.Host != gateway.Name)
            {
                throw WriteRejectedException.Conflict("providerAddresses", $"The PA {address.Pa} is host {held.Host}'s.");
            }

            changes.Add(ResourceChange.Put(address));
        }

        changes.Add(ResourceChange.Put(gateway));
        return changes;
    }
}
