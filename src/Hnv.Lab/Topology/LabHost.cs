namespace Hnv.Lab.Topology;

/// <summary>A host of a lab: its namespace and its PAs, written with their prefix length (192.0.2.1/24).</summary>
public sealed class LabHost
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The host's PAs, one per underlay family, with the fabric's prefix length.</summary>
    public required List<string> ProviderAddresses { get; init; }
}
