namespace Hnv.Lab.Topology;

/// <summary>A tenant of a lab: its RDID (a GUID derived from lab and name) and virtual subnets.</summary>
public sealed class LabRoutingDomain
{
    public required string Name { get; init; }

    public required string Rdid { get; init; }

    public required List<LabSubnet> Subnets { get; init; }
}
