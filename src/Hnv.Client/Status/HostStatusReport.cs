namespace Hnv.Client.Status;

/// <summary>
/// What an agent reports about itself (POST /hosts/{name}/status): the revision it forwards with, and, from agents that
/// send them, its underlay MTU, whether it hashes FlowIDs, and its counters (for `hnv status --host` and `hnv trace`).
/// </summary>
public sealed class HostStatusReport
{
    public long Revision { get; set; }

    public int Ports { get; set; }

    public string? Version { get; set; }

    /// <summary>The underlay's IP MTU on this host; null from an agent that does not say.</summary>
    public int? UnderlayMtu { get; set; }

    /// <summary>Whether the host puts a flow hash in the NVGRE FlowID (false: always 0).</summary>
    public bool? FlowIdHashing { get; set; }

    public HostCounters? Counters { get; set; }
}
