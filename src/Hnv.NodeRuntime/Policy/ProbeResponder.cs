using System.Globalization;
using Hnv.Client;
using Hnv.Client.Trace;
using Hnv.Dataplane.Node;
using Hnv.Dataplane.Probes;
using Hnv.Forwarding.Pipeline;
using Hnv.NodeRuntime.Logging;
using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Carries out a live trace's orders from the watch stream: sends a probe from a port on the real data path, or waits
/// for one from the underlay; then tells the controller what this node did (POST /hosts/{host}/probes/{id}). Off the
/// policy path: an order runs on its own task, and a failure is logged, never more.
/// </summary>
public sealed class ProbeResponder(PolicySourceSettings settings, ForwardingNode node, ControllerEndpoints endpoints, ILogger<ProbeResponder> logger)
{
    /// <summary>The longest any order may make this node wait.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public void Handle(ProbeOrder order) => _ = RunAsync(order);

    private async Task RunAsync(ProbeOrder order)
    {
        try
        {
            if (!ulong.TryParse(order.Id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            {
                return;
            }

            var wait = TimeSpan.FromSeconds(Math.Clamp(order.Seconds, 0.1, MaxWait.TotalSeconds));
            var report = order.Role == "send" ? await SendAsync(order, wait).ConfigureAwait(false) : await ExpectAsync(id, wait).ConfigureAwait(false);
            if (report is null)
            {
                return; // nothing came: the controller names the silence itself
            }

            report.Host = settings.Node;
            report.Role = order.Role;
            var controller = settings.Controller!;
            var token = (await File.ReadAllTextAsync(controller.TokenFile).ConfigureAwait(false)).Trim();
            using var http = controller.CreateHttpClient(endpoints.Current);
            await new HnvClient(http, token).ReportProbeAsync(settings.Node, order.Id!, report).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A probe is a look inside; it never takes the node down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            NodeLog.ProbeFailed(logger, order.Id ?? "?", e.Message);
        }
    }

    private async Task<ProbeReport?> SendAsync(ProbeOrder order, TimeSpan wait)
    {
        if (node.Ports.FirstOrDefault(p => string.Equals(p.Name, order.Nic, StringComparison.Ordinal)) is not { } port || order.Frame is null)
        {
            return new ProbeReport { Verdict = "missing", Revision = node.Revision };
        }

        return Of(await node.SendProbeAsync(port.Local.Index, order.Frame).WaitAsync(wait).ConfigureAwait(false), hop: 1);
    }

    private async Task<ProbeReport?> ExpectAsync(ulong id, TimeSpan wait)
    {
        var catcher = node.Arm(id);
        try
        {
            return Of(await catcher.Caught.Task.WaitAsync(wait).ConfigureAwait(false), hop: 2);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            node.Disarm(catcher);
        }
    }

    private ProbeReport Of(ProbeObservation seen, int hop)
    {
        var report = new ProbeReport
        {
            Revision = seen.Revision,
            Steps = [.. seen.Steps.Select(s => new TraceStepView { Hop = hop, Host = settings.Node, Stage = s.Stage.ToString(), Message = s.Message })],
            Port = seen.Port,
            Reason = seen.Verdict.Reason == DropReason.None ? null : seen.Verdict.Reason.ToString(),
        };
        var outside = node.Ports.Any(p => p.Name == seen.Port && p.Local.OutsideOf is not null);
        report.Verdict = seen.Verdict.Kind switch
        {
            VerdictKind.Encapsulate => "encapsulated",
            VerdictKind.Deliver => outside ? "outside" : "delivered",
            VerdictKind.Reply => "answered",
            _ => "dropped",
        };
        if (seen.Outer is { } outer)
        {
            UnderlayDecoder.Decode(outer, out var decoded);
            report.OuterSource = decoded.OuterSource.ToString();
            report.OuterDestination = decoded.OuterDestination.ToString();
            report.Key = ((decoded.Vsid.Value << 8) | decoded.FlowId).ToString("x8", CultureInfo.InvariantCulture);
        }

        return report;
    }
}
