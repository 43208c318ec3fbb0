namespace Hnv.Cli.Lab;

/// <summary>A tenant of a lab: its RDID (a GUID derived from lab and name) and virtual subnets.</summary>
internal sealed class LabRoutingDomain
{
    public required string Name { get; init; }

    public required string Rdid { get; init; }

    public required List<LabSubnet> Subnets { get; init; }
}
