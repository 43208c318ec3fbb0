namespace Hnv.Client.Status;

/// <summary>What an agent reports about itself (POST /hosts/{name}/status): the revision it forwards with.</summary>
public sealed class HostStatusReport
{
    public long Revision { get; set; }

    public int Ports { get; set; }

    public string? Version { get; set; }
}
