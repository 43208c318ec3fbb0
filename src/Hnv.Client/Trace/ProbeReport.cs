namespace Hnv.Client.Trace;

/// <summary>
/// A host's account of a probe (POST /hosts/{host}/probes/{id}): the revision its agent forwarded with, each stage as
/// its pipeline ran, and what it did: sent it into the underlay (with the outer header), delivered it (to which port),
/// answered it, or dropped it (why).
/// </summary>
public sealed class ProbeReport
{
    public string? Host { get; set; }

    /// <summary>"send" or "expect", as ordered.</summary>
    public string? Role { get; set; }

    public long Revision { get; set; }

    public List<TraceStepView> Steps { get; set; } = [];

    /// <summary>"encapsulated", "delivered", "outside", "answered", "dropped", or "missing" (a NIC this agent does not have).</summary>
    public string? Verdict { get; set; }

    public string? Reason { get; set; }

    /// <summary>The port it was delivered to (a NIC, or a gateway's outside port).</summary>
    public string? Port { get; set; }

    public string? OuterSource { get; set; }

    public string? OuterDestination { get; set; }

    /// <summary>The GRE key, 8 hex digits.</summary>
    public string? Key { get; set; }
}
