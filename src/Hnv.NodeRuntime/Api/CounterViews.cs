namespace Hnv.NodeRuntime.Api;

/// <summary>Per-VSID counts in GET /v1/counters.</summary>
public sealed record VsidCountersView(uint Vsid, long EncapsulatedPackets, long EncapsulatedBytes, long DecapsulatedPackets, long DecapsulatedBytes,
    long LocalPackets, long Dropped);

/// <summary>
/// GET /v1/counters: drops by reason (with what each reason means), per VSID, sends that failed, and what the I/O
/// itself counted.
/// </summary>
public sealed record CountersView(IReadOnlyDictionary<string, long> Drops, IReadOnlyDictionary<string, string> DropDescriptions,
    IReadOnlyList<VsidCountersView> Vsids, long PortSendFailures, long UnderlaySendFailures, IoCountersView Io, IReadOnlyList<WorkerView> Workers);

/// <summary>
/// One forwarding thread: what it reads ("vmPorts", "underlay" or "all"), its batches, the packets it read, and
/// the batches that ended with packets still waiting (a worker mostly at full batches is saturated).
/// </summary>
public sealed record WorkerView(string Reads, long Batches, long Packets, long FullBatches);

/// <summary>
/// The I/O under the pipeline: the underlay port's counts ("ingressDrop" 1 when the kernel's IP stack is spared
/// our NVGRE) and each port's (TSO super-frames split, segments coalesced into writes, errors).
/// </summary>
public sealed record IoCountersView(IReadOnlyDictionary<string, long> Underlay, IReadOnlyList<PortIoView> Ports);

/// <summary>One port's I/O counts.</summary>
public sealed record PortIoView(string Name, IReadOnlyDictionary<string, long> Counters);
