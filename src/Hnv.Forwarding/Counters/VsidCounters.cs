namespace Hnv.Forwarding.Counters;

/// <summary>Per-virtual-subnet counts, keyed by the VSID the packet travels in.</summary>
public sealed class VsidCounters
{
    /// <summary>Frames wrapped in NVGRE toward another host.</summary>
    public long EncapsulatedPackets;
    public long EncapsulatedBytes;

    /// <summary>NVGRE packets accepted from the underlay and delivered.</summary>
    public long DecapsulatedPackets;
    public long DecapsulatedBytes;

    /// <summary>Frames delivered between two ports of this host.</summary>
    public long LocalPackets;

    /// <summary>Packets dropped after their VSID was known.</summary>
    public long Dropped;
}
