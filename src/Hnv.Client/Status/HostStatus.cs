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
}
