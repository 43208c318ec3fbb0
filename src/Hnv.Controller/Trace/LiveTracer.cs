using Hnv.Client.Trace;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Controller.Watch;
using Hnv.Forwarding.Buffers;

namespace Hnv.Controller.Trace;

/// <summary>
/// The live half of a trace: orders every other host of the routing domain to expect a marked probe, then the sender's
/// agent to send it on its real data path; collects what each agent reports and compares it with the computed trace.
/// Works through the watch streams of this replica: a host that watches another one is named, not reached.
/// </summary>
internal static class LiveTracer
{
    /// <summary>How long an agent waits for the probe, and the controller for the agents.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    /// <summary>Lets the receivers arm before the probe leaves (each order crosses one watch stream).</summary>
    private static readonly TimeSpan ArmTime = TimeSpan.FromMilliseconds(150);

    public static async Task<LiveTrace> RunAsync(ControllerState state, NetworkInterface nic, ProbeSpec spec, TraceResult computed, PendingProbe probe,
        ProbeBook book, StateHistory history, CancellationToken ct)
    {
        var live = new LiveTrace { Probe = probe.Id };
        if (!book.IsListening(nic.Host))
        {
            live.Differences.Add($"{nic.Host}'s agent does not watch this controller replica, so no probe was sent (it may watch another replica, or none).");
            return live;
        }

        var rdid = state.FindSubnet(nic.Vsid)!.Rdid;
        var receivers = state.HostsOf(rdid).Where(h => !string.Equals(h, nic.Host, StringComparison.Ordinal)).ToList();
        foreach (var host in receivers.Where(book.IsListening))
        {
            probe.Expect(host);
            book.Order(host, new ProbeOrder { Id = probe.Id, Role = "expect", Seconds = Wait.TotalSeconds });
        }

        await Task.Delay(ArmTime, ct).ConfigureAwait(false);
        book.Order(nic.Host, new ProbeOrder { Id = probe.Id, Role = "send", Nic = nic.Name, Frame = Frame(nic, spec, probe.Id), Seconds = Wait.TotalSeconds });
        await probe.WaitAsync(reports => reports.Any(r => r.Role == "send") && (reports.First(r => r.Role == "send").Verdict != "encapsulated" || reports.Any(r => r.Role == "expect")),
            Wait + ArmTime, ct).ConfigureAwait(false);

        var sent = probe.Reports.FirstOrDefault(r => r.Role == "send");
        var received = probe.Reports.FirstOrDefault(r => r.Role == "expect");
        live.Hops.AddRange(new[] { sent, received }.OfType<ProbeReport>());
        Compare(new Context(state, history, book), nic.Host, computed, sent, received, live.Differences);
        live.Agrees = live.Differences.Count == 0;
        return live;
    }

    private static byte[] Frame(NetworkInterface nic, ProbeSpec spec, string id)
    {
        var packet = new PacketBuffer();
        ProbeFrame.Load(packet, spec, nic.Mac, Forwarding.Node.NodeSettings.DefaultRouterMac, Convert.ToUInt64(id, 16));
        return packet.Data.ToArray();
    }

    private static void Compare(Context context, string sender, TraceResult computed, ProbeReport? sent, ProbeReport? received, List<string> differences)
    {
        var (state, _, book) = context;
        if (sent is null)
        {
            differences.Add($"{sender} did not report the probe within {Wait.TotalSeconds:0} s.");
            return;
        }

        Stale(context, sent, differences);
        if (sent.Verdict == "missing")
        {
            differences.Add($"{sender}'s agent has no port {computed.Source?.Nic}: the NIC is registered on it, but not attached there.");
            return;
        }

        if (computed.Underlay is not { } underlay)
        {
            Outcome(computed, sent, differences);
            return;
        }

        if (sent.Verdict != "encapsulated")
        {
            differences.Add($"computed: {sender} sends it to {underlay.DestinationPa}; live: {Said(sent)}.");
            return;
        }

        if (!string.Equals(sent.OuterDestination, underlay.DestinationPa, StringComparison.Ordinal))
        {
            differences.Add($"computed: {sender} sends it to {underlay.DestinationPa} ({underlay.DestinationHost}); live: to {sent.OuterDestination}.");
        }

        if (!string.Equals(sent.Key, underlay.Outer?.Key, StringComparison.Ordinal))
        {
            differences.Add($"computed: GRE key 0x{underlay.Outer?.Key}; live: 0x{sent.Key}.");
        }

        if (received is null)
        {
            var host = Wire.Addressing.IpAddress.TryParse(sent.OuterDestination, out var pa) ? state.PaHosts.GetValueOrDefault(pa) : null;
            differences.Add(host is null
                ? $"{sender} sent it to {sent.OuterDestination}, which is no host's PA: nobody took it."
                : book.IsListening(host)
                    ? $"{sender} sent it to {host} ({sent.OuterDestination}), which did not report it within {Wait.TotalSeconds:0} s: lost in the underlay?"
                    : $"{sender} sent it to {host} ({sent.OuterDestination}), whose agent does not watch this replica: it was not told to expect it, so it dropped it unseen.");
            return;
        }

        Stale(context, received, differences);
        if (!string.Equals(received.Host, underlay.DestinationHost, StringComparison.Ordinal))
        {
            differences.Add($"computed: received by {underlay.DestinationHost}; live: by {received.Host}.");
        }

        Outcome(computed, received, differences);
    }

    /// <summary>
    /// Names a host that forwards with an older view than the controller's. An older revision alone is no difference: a
    /// change that touched none of its view moves its revision only at the next heartbeat.
    /// </summary>
    private static void Stale(Context context, ProbeReport report, List<string> differences)
    {
        var (state, history, _) = context;
        if (report.Host is not { } host || report.Revision >= state.ChangedAt(host))
        {
            return;
        }

        if (history.Find(report.Revision) is { } then && ViewDiff.Between(HostView.Of(then, host), HostView.Of(state, host)) is null)
        {
            return;
        }

        differences.Add($"{host} forwards with revision {report.Revision}; its view changed at revision {state.ChangedAt(host)} (the controller is at {state.Revision}).");
    }

    private sealed record Context(ControllerState State, StateHistory History, ProbeBook Book);

    /// <summary>Compares where the probe ended with where the computed trace ends.</summary>
    private static void Outcome(TraceResult computed, ProbeReport live, List<string> differences)
    {
        var same = (computed.Verdict, live.Verdict) switch
        {
            ("delivered", "delivered") => string.Equals(computed.Destination?.Nic, live.Port, StringComparison.Ordinal),
            ("outside", "outside") => true, // the gateway names its outside port after its routing context; the controller does not

            ("dropped", "dropped") or ("answered", "answered") => string.Equals(computed.Reason, live.Reason, StringComparison.Ordinal),
            _ => false,
        };
        if (!same)
        {
            differences.Add($"computed: {computed.Summary}; live: {Said(live)}.");
        }
    }

    private static string Said(ProbeReport r) => r.Verdict switch
    {
        "delivered" => $"delivered to {r.Port} on {r.Host}",
        "outside" => $"out through {r.Port} on {r.Host}",
        "encapsulated" => $"{r.Host} sent it to {r.OuterDestination}",
        "answered" => $"answered by {r.Host}{(r.Reason is null ? "" : $" ({r.Reason})")}",
        _ => $"dropped on {r.Host}{(r.Steps.Count > 0 ? $" at {r.Steps[^1].Stage}" : "")}: {r.Reason}",
    };
}
