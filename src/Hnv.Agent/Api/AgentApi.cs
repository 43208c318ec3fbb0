using Hnv.Agent.Configuration;
using Hnv.Agent.Ports;
using Hnv.Client.Agent;
using Hnv.NodeRuntime.Api;
using Hnv.NodeRuntime.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.Agent.Api;

/// <summary>
/// The agent's local API (on a Unix socket, so only local root-owned callers reach it):
/// GET /v1/status, GET /v1/ports, POST /v1/ports, DELETE /v1/ports/{name}, GET /v1/counters, GET /v1/capture, GET /v1/observe.
/// </summary>
public static class AgentApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app, AgentSettings settings, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/status", (AgentDataplane dataplane) => Results.Json(
            new StatusView(settings.Host, dataplane.Node.Revision, PolicySource(settings), ProviderAddresses(settings), settings.Underlay.Mtu, dataplane.Ports.Count,
                time.GetElapsedTime(started).TotalSeconds, dataplane.Node.Workers.Count),
            AgentJsonContext.Default.StatusView));
        v1.MapGet("/ports", (AgentDataplane dataplane) => Results.Json(Ports(dataplane), AgentJsonContext.Default.ListPortView));
        v1.MapPost("/ports", (HttpContext context, AgentDataplane dataplane) => AttachAsync(context, dataplane));
        v1.MapDelete("/ports/{name}", (string name, AgentDataplane dataplane) =>
            dataplane.Detach(name) ? Results.NoContent() : Problem(404, $"No port named {name} is attached."));
        v1.MapGet("/counters", (AgentDataplane dataplane) => Results.Json(NodeCounters.Of(dataplane.Node), AgentJsonContext.Default.CountersView));
        v1.MapTapEndpoints(http => (http.RequestServices.GetRequiredService<AgentDataplane>().Node, settings.Host));
        return app;
    }

    private static async Task<IResult> AttachAsync(HttpContext context, AgentDataplane dataplane)
    {
        PortConfig? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync(AgentJsonContext.Default.PortConfig).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Problem(400, "The body is not a port (JSON).", new FieldProblemView(e.Path ?? "$", e.Message));
        }
        catch (InvalidOperationException e)
        {
            return Problem(415, "The body must be JSON (Content-Type: application/json).", new FieldProblemView("$", e.Message));
        }

        var problems = new List<ConfigProblem>();
        if (AgentConfigReader.ValidatePort(body, "$", problems) is not { } port)
        {
            return Problem(400, "The port is not valid.", [.. problems.Select(p => new FieldProblemView(p.Field, p.Message))]);
        }

        var result = dataplane.Attach(port);
        return result.Outcome switch
        {
            AttachOutcome.Attached => Results.Json(View(result.Port!, dataplane.Node.Counters), AgentJsonContext.Default.PortView, statusCode: 201),
            AttachOutcome.Conflict => Problem(409, result.Message!),
            _ => Problem(500, $"The port could not be attached: {result.Message}"),
        };
    }

    private static List<string> ProviderAddresses(AgentSettings settings) =>
        [.. new[] { settings.Underlay.ProviderAddressV4, settings.Underlay.ProviderAddressV6 }.OfType<Wire.Addressing.IpAddress>().Select(a => a.ToString())];

    private static List<PortView> Ports(AgentDataplane dataplane)
    {
        var counters = dataplane.Node.Counters; // the workers' counts added up once, not once per port
        return [.. dataplane.Ports.Select(p => View(p, counters))];
    }

    /// <summary>Where the policy comes from: "controller ADDRESS" or "file PATH".</summary>
    private static string PolicySource(AgentSettings settings) =>
        settings.Controller is { } controller ? $"controller {string.Join(", ", controller.Addresses)}" : $"file {settings.PolicyFile}";

    private static PortView View(AttachedPort port, Forwarding.Counters.ForwardingCounters counters)
    {
        var c = counters.PortOrNull(port.Local.Index) ?? new Forwarding.Counters.PortCounters();
        var s = port.Settings;
        return new PortView(port.Local.Index, s.Name, s.Namespace, s.InterfaceName, s.Mac.ToString(), s.Vsid.Value,
            [.. s.Addresses.Select(a => a.ToString())], c.ReceivedPackets, c.ReceivedBytes, c.SentPackets, c.SentBytes, c.Dropped);
    }

    private static IResult Problem(int status, string title, params FieldProblemView[] problems) =>
        Results.Json(new ProblemView(title, problems), AgentJsonContext.Default.ProblemView, statusCode: status);
}
