namespace Hnv.NodeRuntime.Api;

/// <summary>
/// One forwarding thread: what it reads ("vmPorts", "underlay" or "all"), its batches, the packets it read, and
/// the batches that ended with packets still waiting (a worker mostly at full batches is saturated).
/// </summary>
public sealed record WorkerView(string Reads, long Batches, long Packets, long FullBatches);
