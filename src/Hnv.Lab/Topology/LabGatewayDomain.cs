namespace Hnv.Lab.Topology;

/// <summary>A routing domain a lab gateway serves: how, and its port forwards (the controller derives its GatewayWildcard records).</summary>
public sealed class LabGatewayDomain
{
    public required string RoutingDomain { get; init; }

    public required string Rdid { get; init; }

    /// <summary>"nat" or "forward".</summary>
    public required string Mode { get; init; }

    public required List<LabForward> Forwards { get; init; }

}
