namespace Hnv.Client.Status;

/// <summary>
/// A host's forwarding counters as its agent last reported them (totals since the agent started): drops by reason, and
/// per port and per VSID what was received, sent, encapsulated and dropped. The same numbers as its /metrics.
/// </summary>
public sealed class HostCounters
{
    /// <summary>Drops by reason (the pipeline's reason names), only those that happened.</summary>
    public Dictionary<string, long> Drops { get; set; } = [];

    public List<PortCounterReport> Ports { get; set; } = [];

    public List<VsidCounterReport> Vsids { get; set; } = [];
}

/// <summary>One port's counts (from the VM: received; to the VM: sent).</summary>
public sealed class PortCounterReport
{
    public string? Name { get; set; }

    public long ReceivedPackets { get; set; }

    public long ReceivedBytes { get; set; }

    public long SentPackets { get; set; }

    public long SentBytes { get; set; }

    public long Dropped { get; set; }
}

/// <summary>One virtual subnet's counts on the host.</summary>
public sealed class VsidCounterReport
{
    public uint Vsid { get; set; }

    public long EncapsulatedPackets { get; set; }

    public long EncapsulatedBytes { get; set; }

    public long DecapsulatedPackets { get; set; }

    public long DecapsulatedBytes { get; set; }

    public long LocalPackets { get; set; }

    public long Dropped { get; set; }
}
