namespace Hnv.NodeRuntime.Api;

/// <summary>Per-VSID counts in GET /v1/counters.</summary>
public sealed record VsidCountersView(uint Vsid, long EncapsulatedPackets, long EncapsulatedBytes, long DecapsulatedPackets, long DecapsulatedBytes,
    long LocalPackets, long Dropped);
