namespace Hnv.Client.Agent;

/// <summary>
/// Policy from the controller: where it is (http(s)://HOST:PORT or unix:/PATH), the file holding this host's
/// agent token (from `hnv host credential`), and where the last applied policy is kept, so the agent forwards
/// from it at start while the controller cannot be reached.
/// </summary>
public sealed class ControllerConfig
{
    public string? Address { get; set; }

    /// <summary>Several replicas instead of <see cref="Address"/>: the agent uses the first that answers and moves to the next on failure.</summary>
    public List<string>? Addresses { get; set; }

    public string? TokenFile { get; set; }

    /// <summary>Default: /var/lib/hnv/HOST.policy.json.</summary>
    public string? CacheFile { get; set; }

    /// <summary>A PEM file of the CA that issued an https:// controller's certificate (the system's roots are not used then).</summary>
    public string? CaFile { get; set; }

    /// <summary>A stream silent this long (no event, no heartbeat) is taken as dead and reopened; default 15.</summary>
    public int? SilenceSeconds { get; set; }
}
