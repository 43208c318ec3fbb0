namespace Hnv.Client.Status;

/// <summary>GET /status: the controller (its revision and store) and every host.</summary>
public sealed class ControllerStatus
{
    public long Revision { get; set; }

    /// <summary>"sqlite" or "postgresql".</summary>
    public string? Store { get; set; }

    public string? Replica { get; set; }

    public string? Version { get; set; }

    public List<HostStatus> Hosts { get; set; } = [];
}
