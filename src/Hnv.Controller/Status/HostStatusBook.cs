using Hnv.Client.Status;
using Hnv.Controller.State;
using Hnv.Controller.Storage;
using Hnv.Controller.Watch;

namespace Hnv.Controller.Status;

/// <summary>
/// Puts a host's status together: what its agent last reported (kept in the store, so any replica answers), whether
/// it watches this replica, and how far behind the latest change of its view it is.
/// </summary>
internal sealed class HostStatusBook(PolicyEngine engine, WatchRegistry watches, TimeProvider time, WatchSettings settings)
{
    public async Task<List<HostStatus>> AllAsync(CancellationToken ct)
    {
        var reports = await engine.Store.ListReportsAsync(ct).ConfigureAwait(false);
        var state = engine.Current;
        return [.. state.Hosts.Keys.Select(host => Of(state, host, reports.GetValueOrDefault(host)))];
    }

    /// <summary>One host, with the underlay MTU and the counters its agent last reported.</summary>
    public async Task<HostStatus> OneAsync(string host, CancellationToken ct)
    {
        var reports = await engine.Store.ListReportsAsync(ct).ConfigureAwait(false);
        var report = reports.GetValueOrDefault(host);
        var status = Of(engine.Current, host, report);
        if (ReportDetail.Read(report) is { } detail)
        {
            status.UnderlayMtu = detail.UnderlayMtu;
            status.FlowIdHashing = detail.FlowIdHashing;
            status.Counters = detail.Counters;
        }

        return status;
    }

    private HostStatus Of(ControllerState state, string host, StoredHostReport? report)
    {
        var now = time.GetUtcNow();
        var seen = Latest(watches.LastSeen(host), report?.Reported);
        var wanted = state.ChangedAt(host);
        var applied = report?.Revision;
        return new HostStatus
        {
            Name = host,
            // Watching here, or reported recently (it may watch another replica).
            Connected = watches.IsWatching(host) || (report is not null && now - report.Reported < settings.Heartbeat * 3),
            LastSeen = seen,
            RevisionApplied = applied,
            RevisionWanted = wanted,
            LagSeconds = (applied ?? 0) >= wanted ? 0 : Math.Max(0, (now - OldestUnapplied(state, host, applied ?? 0)).TotalSeconds),
            Ports = report?.Ports,
            Reported = report?.Reported,
        };
    }

    /// <summary>When the oldest change of the host's view after <paramref name="applied"/> was made (as far as the kept states tell).</summary>
    private DateTimeOffset OldestUnapplied(ControllerState state, string host, long applied)
    {
        var kept = engine.History.Between(applied, state.Revision);
        foreach (var s in kept)
        {
            if (s.Affected.Contains(host))
            {
                return s.At;
            }
        }

        return kept.Count > 0 ? kept[0].At : state.At;
    }

    /// <summary>The later of two times, either of which may be unknown.</summary>
    public static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
