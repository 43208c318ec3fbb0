namespace Hnv.Lab.Topology;

/// <summary>The IPv4 GatewayWildcard record of one subnet: the subnet's VSID and the record's MAC (derived from lab, gateway and VSID).</summary>
public sealed class LabWildcard
{
    public required long Vsid { get; init; }

    public required string Mac { get; init; }
}
