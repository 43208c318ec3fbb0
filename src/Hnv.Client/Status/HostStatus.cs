namespace Hnv.Client.Status;

/// <summary>
/// A host as the controller sees it: whether its agent is watching now, when it was last heard from, the
/// revision it applied, the latest revision that changed its view, and how far behind it is.
/// </summary>
public sealed class HostStatus
{
    public string? Name { get; set; }

    public bool Connected { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public long? RevisionApplied { get; set; }

    public long RevisionWanted { get; set; }

    /// <summary>Seconds since the oldest change of its view the host has not applied; 0 when it is current.</summary>
    public double LagSeconds { get; set; }

    public int? Ports { get; set; }

    /// <summary>When the agent last reported (its counters are as of then).</summary>
    public DateTimeOffset? Reported { get; set; }

    /// <summary>Only on GET /hosts/{name}/status: the underlay MTU the agent reported.</summary>
    public int? UnderlayMtu { get; set; }

    /// <summary>Only on GET /hosts/{name}/status: whether the agent hashes FlowIDs.</summary>
    public bool? FlowIdHashing { get; set; }

    /// <summary>Only on GET /hosts/{name}/status: the counters the agent last reported.</summary>
    public HostCounters? Counters { get; set; }
}
