namespace Hnv.NodeRuntime.Api;

/// <summary>
/// GET /v1/counters: drops by reason (with what each reason means), per VSID, sends that failed, and what the I/O
/// itself counted.
/// </summary>
public sealed record CountersView(IReadOnlyDictionary<string, long> Drops, IReadOnlyDictionary<string, string> DropDescriptions,
    IReadOnlyList<VsidCountersView> Vsids, long PortSendFailures, long UnderlaySendFailures, IoCountersView Io, IReadOnlyList<WorkerView> Workers);
