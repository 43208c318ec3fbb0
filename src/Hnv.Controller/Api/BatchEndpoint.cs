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
/// POST /api/v1/batch (write): creates every item of a <see cref="BatchDocument"/> as one revision. The same checks
/// as one create each (fields, existence, conflicts, the model's rules over the result); a problem anywhere refuses
/// the whole batch. Fields are named by their place in the batch: <c>networkInterfaces[3].mac</c>.
/// </summary>
internal static class BatchEndpoint
{
    public const string Path = Client.ApiPaths.Root + "/batch";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, CreateAsync).Allow(AccessLevel.Write).WithTags("batch")
            .Accepts<BatchDocument>("application/json").Produces<BatchResult>(201);

    private static async Task<IResult> CreateAsync(HttpContext http, PolicyEngine engine)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ControllerJsonContext.Default.BatchDocument).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var problems = new List<PolicyProblem>();
        var items = new List<object>();
        Read(body.RoutingDomains, "routingDomains", problems, items, (r, d) => r.Read(d));
        Read(body.VirtualSubnets, "virtualSubnets", problems, items, (r, d) => r.Read(d));
        Read(body.Hosts, "hosts", problems, items, (r, d) => r.Read(d));
        Read(body.ProviderAddresses, "providerAddresses", problems, items, (r, d) => r.Read(d));
        Read(body.ProviderRoutes, "providerRoutes", problems, items, (r, d) => r.Read(d));
        Read(body.NetworkInterfaces, "networkInterfaces", problems, items, (r, d) => r.Read(d));
        Read(body.LookupRecords, "lookupRecords", problems, items, (r, d) => r.Read(d));
        Read(body.CustomerRoutes, "customerRoutes", problems, items, (r, d) => r.Read(d));
        if (problems.Count > 0)
        {
            return ApiResults.Problem(400, "The batch is not valid.", problems);
        }

        return await Writes.RunAsync(http, engine, state => Plan(state, items),
            state => Results.Json(new BatchResult { Revision = state.Revision, Created = items.Count }, ControllerJsonContext.Default.BatchResult, statusCode: 201))
            .ConfigureAwait(false);
    }

    private static void Read<T>(List<T>? documents, string list, List<PolicyProblem> problems, List<object> items, Func<ResourceReader, T, object?> read)
    {
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            if (documents![i] is null)
            {
                problems.Add(new($"{list}[{i}]", "The entry is null; expected an object."));
            }
            else if (read(new ResourceReader(problems, $"{list}[{i}]"), documents[i]) is { } item)
            {
                items.Add(item);
            }
        }
    }

    /// <summary>Every item is new and what it names exists (in the state or the batch); the rules are checked on apply.</summary>
    private static List<ResourceChange> Plan(ControllerState state, List<object> items)
    {
        var keys = new HashSet<(ResourceKind, string)>();
        var hosts = new HashSet<string>(state.Hosts.Keys, StringComparer.Ordinal);
        var subnets = new HashSet<Wire.Tunnel.Vsid>();
        foreach (var item in items)
        {
            switch (item)
            {
                case HostEntry host:
                    hosts.Add(host.Name);
                    break;
                case VirtualSubnet subnet:
                    subnets.Add(subnet.Vsid);
                    break;
            }
        }

        var changes = new List<ResourceChange>(items.Count);
        foreach (var item in items)
        {
            var change = ResourceChange.Put(item);
            if (!keys.Add((change.Kind, change.Key)) || Exists(state, item))
            {
                throw WriteRejectedException.Conflict(change.Kind.ToString(), $"The {change.Kind} {change.Key} exists already (or twice in the batch); a batch only creates.");
            }

            var host = item switch
            {
                NetworkInterface n => n.Host,
                ProviderAddress a => a.Host,
                ProviderRoute r => r.Host,
                _ => null,
            };
            if (host is not null && !hosts.Contains(host))
            {
                throw WriteRejectedException.Invalid(change.Kind.ToString(), $"The {change.Kind} {change.Key} names host {host}, which is neither known nor in the batch.");
            }

            if (item is NetworkInterface nic && !subnets.Contains(nic.Vsid) && state.FindSubnet(nic.Vsid) is null)
            {
                throw WriteRejectedException.Invalid(change.Kind.ToString(), $"The network interface {nic.Name} names VSID {nic.Vsid}, which is neither known nor in the batch.");
            }

            changes.Add(change);
        }

        return changes;
    }

    private static bool Exists(ControllerState state, object item) => item switch
    {
        RoutingDomain d => state.FindDomain(d.Rdid) is not null,
        VirtualSubnet s => state.FindSubnet(s.Vsid) is not null,
        HostEntry h => state.Hosts.ContainsKey(h.Name),
        ProviderAddress a => state.FindProviderAddress(a.Pa) is not null,
        ProviderRoute r => state.FindProviderRoute(r.Key) is not null,
        NetworkInterface n => state.Nics.ContainsKey(n.Name),
        LookupRecord r => state.FindRecord(r.Key) is not null,
        CustomerRoute r => state.FindCustomerRoute(r.Key) is not null,
        _ => false,
    };
}
