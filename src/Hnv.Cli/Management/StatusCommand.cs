using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hnv.Client.Json;
using Hnv.Client.Status;

namespace Hnv.Cli.Management;

/// <summary>`hnv status`: the controller (revision, store) and every host (reachable, revision, lag).</summary>
internal static class StatusCommand
{
    public static readonly ResourceView<HostStatus> HostView = new(
        ClientJsonContext.Default.HostStatus,
        ("HOST", h => h.Name),
        ("CONNECTED", h => h.Connected ? "yes" : "no"),
        ("LAST SEEN", h => h.LastSeen?.ToString("u", CultureInfo.InvariantCulture)),
        ("REVISION", h => Names.Text(h.RevisionApplied)),
        ("WANTED", h => Names.Text(h.RevisionWanted)),
        ("LAG", h => h.LagSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"),
        ("PORTS", h => Names.Text(h.Ports)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var host = new Option<string?>("--host") { Description = "Only this host, with its underlay MTU and the counters its agent last reported." };
        var verb = new VerbCommand("status", "Show the controller (revision, store) and every host's agent (connected, revision applied, lag).", $"""
            A host is current when REVISION reaches WANTED (the last revision that changed its view); LAG is how long
            its oldest unapplied change has waited. With --host, one host and its counters: per port, per VSID and
            drops by reason, as its agent reported them (every 10 seconds; its /metrics has them live).

            {ManagementExitCodes.Text}
            """);
        verb.Options.Add(host);
        ManagementRun.SetAction(verb, options, async (c, parsed) =>
        {
            if (parsed.GetValue(host) is { } name)
            {
                var one = await c.Client.GetHostStatusAsync(name, c.Cancellation).ConfigureAwait(false);
                if (c.Json)
                {
                    await c.Output.WriteLineAsync(JsonSerializer.Serialize(one, IndentedJson.Default.HostStatus)).ConfigureAwait(false);
                }
                else
                {
                    HostStatusTables.Write(one, c.Output);
                }

                return;
            }

            var status = await c.Client.GetStatusAsync(c.Cancellation).ConfigureAwait(false);
            if (c.Json)
            {
                await c.Output.WriteLineAsync(JsonSerializer.Serialize(status, IndentedJson.Default.ControllerStatus)).ConfigureAwait(false);
                return;
            }

            await c.Output.WriteLineAsync(
                $"controller  revision {status.Revision}, store {status.Store ?? "-"}, replica {status.Replica ?? "-"}, version {status.Version ?? "-"}")
                .ConfigureAwait(false);
            await c.Output.WriteLineAsync().ConfigureAwait(false);
            c.WriteList(HostView, status.Hosts);
        });
        options.AddTo(verb);
        return verb;
    }

    /// <summary>The client's JSON, indented for people.</summary>
    private static class IndentedJson
    {
        public static readonly ClientJsonContext Default = new(new JsonSerializerOptions(ClientJsonContext.Default.Options) { WriteIndented = true });
    }
}
