using Hnv.Policy.Documents;

namespace Hnv.Client.Watch;

/// <summary>
/// One line of a host's watch stream (GET /api/v1/hosts/{name}/watch?fromRevision=N, application/x-ndjson; see
/// docs/controller.md). A host's view is what it needs to forward for the NICs it hosts: the routing domains
/// they are in with all their subnets, lookup records and customer routes; the provider addresses of every host
/// those records name (and its own); its own provider routes. Nothing of any other routing domain.
/// </summary>
public sealed class WatchEvent
{
    /// <summary>One of <see cref="WatchEventKinds"/>.</summary>
    public string? Kind { get; set; }

    /// <summary>The controller's revision this event brings the host to.</summary>
    public long Revision { get; set; }

    /// <summary>Snapshot: the whole view.</summary>
    public PolicyDocument? Policy { get; set; }

    /// <summary>Change: items that entered the view or changed, whole.</summary>
    public PolicyDocument? Upsert { get; set; }

    /// <summary>
    /// Change: items that left the view, named by their key fields only (routing domain: rdid; subnet: vsid;
    /// lookup record: vsid + ca; customer route: rdid + vsid + destination; provider address: host + pa;
    /// provider route: host + destination). A routing domain that leaves is listed with everything in it.
    /// </summary>
    public PolicyDocument? Remove { get; set; }

    /// <summary>
    /// To a gateway only: the domains it serves, whole (in a snapshot always, in a change when they changed; a gateway
    /// left without domains gets an empty list). Null otherwise.
    /// </summary>
    public GatewayView? Gateway { get; set; }

    /// <summary>Kind "probe": a live trace's order to this host's agent (the revision is the stream's, unchanged).</summary>
    public Trace.ProbeOrder? Probe { get; set; }
}
