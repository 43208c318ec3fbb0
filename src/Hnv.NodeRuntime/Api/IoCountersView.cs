namespace Hnv.NodeRuntime.Api;

/// <summary>
/// The I/O under the pipeline: the underlay port's counts ("ingressDrop" 1 when the kernel's IP stack is spared
/// our NVGRE) and each port's (TSO super-frames split, segments coalesced into writes, errors).
/// </summary>
public sealed record IoCountersView(IReadOnlyDictionary<string, long> Underlay, IReadOnlyList<PortIoView> Ports);
