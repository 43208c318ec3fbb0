using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Status;
using Hnv.Client.Trace;
using Hnv.Controller.Access;
using Hnv.Controller.State;
using Hnv.Controller.Status;
using Hnv.Controller.Trace;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// POST /trace (a packet from a NIC, followed through the hosts' pipelines and the underlay) and POST /trace/underlay
/// (what a fabric packet belongs to). Both compute from the policy in force; neither sends anything. A token limited to
/// routing domains traces from its own NICs and sees no host names or PAs; the reverse lookup (it starts from PAs) and
/// live traces (they cross hosts) are for operators.
/// </summary>
internal static class TraceEndpoints
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ApiPaths.Trace, TraceAsync).WithTags("trace")
            .Allow(AccessLevel.Read).AllowScoped().Accepts<TraceRequest>("application/json").Produces<TraceResult>();
        app.MapPost(ApiPaths.UnderlayTrace, UnderlayAsync).WithTags("trace")
            .Allow(AccessLevel.Read).Accepts<UnderlayTraceRequest>("application/json").Produces<UnderlayTraceResult>();
        app.MapPost(ApiPaths.Hosts + "/{name}/probes/{id}", ProbeReportAsync).WithTags("trace")
            .Allow(AccessLevel.WriteOrHostAgent).Accepts<ProbeReport>("application/json").Produces(204);
    }

    /// <summary>An agent's account of a live probe; taken only while that probe's trace waits on this replica.</summary>
    private static async Task<IResult> ProbeReportAsync(string name, string id, HttpContext http, ProbeBook book)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.ProbeReport).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        body.Host = name; // an agent speaks for its own host only
        if (body.Role is not ("send" or "expect") || body.Verdict is not ("encapsulated" or "delivered" or "outside" or "answered" or "dropped" or "missing")
            || body.Steps is null || body.Steps.Count > 64 || (body.Verdict == "encapsulated" && !IpAddress.TryParse(body.OuterDestination, out _)))
        {
            return ApiResults.Invalid("$", "A probe report needs a role (send or expect), a known verdict, its steps (at most 64), and for \"encapsulated\" the outer destination.");
        }

        return book.Report(id, body) ? Results.NoContent() : ApiResults.NotFound($"No live trace waits for probe {id} from {name} in that role on this replica.");
    }

    private static async Task<IResult> TraceAsync(HttpContext http, PolicyEngine engine, ProbeBook book)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.TraceRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var state = engine.Current;
        var caller = http.Caller();
        if (string.IsNullOrEmpty(body.From))
        {
            return ApiResults.Invalid("from", "Name the NIC the packet leaves from.");
        }

        if (!state.Nics.TryGetValue(body.From, out var nic) || !caller.Sees(state, nic.Vsid))
        {
            return ApiResults.NotFound($"There is no network interface {body.From}.");
        }

        var problems = new List<PolicyProblem>();
        if (ProbeReader.Read(body, nic, problems) is not { } probe)
        {
            return ApiResults.Problem(400, "The request is not valid.", problems);
        }

        if (body.Live == true && caller.IsScoped)
        {
            return ApiResults.Problem(403, "Live traces are for operators: a probe crosses hosts a token limited to routing domains may not see.");
        }

        if (body.Live == true && probe.Length - ProbeFrame.MinLength(probe.Protocol, probe.Destination.IsV6) < Wire.Tunnel.ProbeMark.TailLength)
        {
            return ApiResults.Invalid("size", $"A live probe carries a {Wire.Tunnel.ProbeMark.TailLength}-byte mark: give it a size of at least {ProbeFrame.MinLength(probe.Protocol, probe.Destination.IsV6) + Wire.Tunnel.ProbeMark.TailLength}.");
        }

        var reportOf = await ReportOfAsync(engine, nic.Host, http).ConfigureAwait(false);
        var result = PathTracer.Run(state, nic, probe, reportOf);
        if (body.Live == true)
        {
            if (book.Start(nic.Host) is not { } pending)
            {
                return ApiResults.Problem(429, $"At most {ProbeBook.PerSecond} live traces a second; try again in a moment.");
            }

            try
            {
                result.Live = await LiveTracer.RunAsync(state, nic, probe, result, pending, book, engine.History, http.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                book.End(pending);
            }
        }

        return Results.Json(caller.IsScoped ? TraceRedaction.Of(result, state) : result, Json.TraceResult);
    }

    private static async Task<IResult> UnderlayAsync(HttpContext http, PolicyEngine engine)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, ClientJsonContext.Strict.UnderlayTraceRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var problems = new List<PolicyProblem>();
        var read = UnderlayLookup.Read(body, problems);
        if (read is null || !ValidInner(body.Inner, problems))
        {
            return ApiResults.Problem(400, "The request is not valid.", problems);
        }

        var (source, destination, key) = read.Value;
        var state = engine.Current;

        var reportOf = state.PaHosts.TryGetValue(source, out var sender)
            ? await ReportOfAsync(engine, sender, http).ConfigureAwait(false)
            : _ => null;
        var result = UnderlayLookup.Run(state, source, destination, key, body.Inner, reportOf);
        return Results.Json(result, Json.UnderlayTraceResult);
    }

    private static bool ValidInner(TracePacket? inner, List<PolicyProblem> problems)
    {
        if (inner is null)
        {
            return true;
        }

        if (!IpAddress.TryParse(inner.Source, out var source) || !IpAddress.TryParse(inner.Destination, out var destination) || source.IsV6 != destination.IsV6)
        {
            problems.Add(new PolicyProblem("inner", "The inner flow needs a source and a destination address of one family."));
            return false;
        }

        if (!ProbeReader.TryProtocol(inner.Protocol, destination.IsV6, out _))
        {
            problems.Add(new PolicyProblem("inner.protocol", $"'{inner.Protocol}' is not icmp, tcp or udp."));
            return false;
        }

        if (inner.SourcePort is < 0 or > 65535 || inner.DestinationPort is < 0 or > 65535)
        {
            problems.Add(new PolicyProblem("inner", "A port is out of range; expected 0 to 65535."));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The sending host's last report (its underlay MTU and FlowID hashing decide what it sends; what a receiver reported
    /// changes nothing of how it receives), read once per trace.
    /// </summary>
    private static async Task<Func<string, HostStatusReport?>> ReportOfAsync(PolicyEngine engine, string sender, HttpContext http)
    {
        var report = ReportDetail.Read(await engine.Store.GetReportAsync(sender, http.RequestAborted).ConfigureAwait(false));
        return host => string.Equals(host, sender, StringComparison.Ordinal) ? report : null;
    }
}
