namespace Hnv.Lab.Topology;

/// <summary>A virtual subnet of a lab: its prefixes and, in the same order, their default routers (first hosts).</summary>
public sealed class LabSubnet
{
    public required long Vsid { get; init; }

    public string? Name { get; init; }

    public required List<string> Prefixes { get; init; }

    public required List<string> DefaultRouters { get; init; }
}
