namespace Hnv.Lab.Topology;

/// <summary>A port forward of a lab gateway: the external port to a VM's IPv4 CA and port.</summary>
public sealed class LabForward
{
    public required string Protocol { get; init; }

    public required int Port { get; init; }

    /// <summary>The VM's IPv4 CA.</summary>
    public required string To { get; init; }

    public required int ToPort { get; init; }
}
