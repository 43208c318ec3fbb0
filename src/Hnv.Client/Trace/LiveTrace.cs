namespace Hnv.Client.Trace;

/// <summary>
/// The live half of a trace (POST /trace with live): what each host's agent really did with a marked probe, and where
/// that differs from what the controller computed (a host on an older revision, another PA, a drop, no answer).
/// </summary>
public sealed class LiveTrace
{
    public string? Probe { get; set; }

    /// <summary>Each host's report, in the order the probe met them (hop 1 the sender).</summary>
    public List<ProbeReport> Hops { get; set; } = [];

    /// <summary>True when the probe did what the computed trace says.</summary>
    public bool Agrees { get; set; }

    /// <summary>Each difference in one sentence; empty when they agree.</summary>
    public List<string> Differences { get; set; } = [];
}
