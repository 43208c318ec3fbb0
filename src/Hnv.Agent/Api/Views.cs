namespace Hnv.Agent.Api;

/// <summary>GET /v1/status.</summary>
public sealed record StatusView(string Host, long Revision, string PolicySource, IReadOnlyList<string> ProviderAddresses, int UnderlayMtu, int Ports, double UptimeSeconds,
    int Workers);

/// <summary>One entry of GET /v1/ports.</summary>
public sealed record PortView(int Index, string Name, string Namespace, string InterfaceName, string Mac, uint Vsid, IReadOnlyList<string> Addresses,
    long ReceivedPackets, long ReceivedBytes, long SentPackets, long SentBytes, long Dropped);

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
/// our NVGRE) and each VM port's (TSO super-frames split, segments coalesced into writes, errors).
/// </summary>
public sealed record IoCountersView(IReadOnlyDictionary<string, long> Underlay, IReadOnlyList<PortIoView> Ports);

/// <summary>One VM port's I/O counts.</summary>
public sealed record PortIoView(string Name, IReadOnlyDictionary<string, long> Counters);

/// <summary>An error answer: what went wrong, and every problem with its field.</summary>
public sealed record ProblemView(string Title, IReadOnlyList<FieldProblemView> Problems);

/// <summary>One problem of a <see cref="ProblemView"/>.</summary>
public sealed record FieldProblemView(string Field, string Message);
