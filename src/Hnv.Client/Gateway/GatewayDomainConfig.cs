namespace Hnv.Client.Gateway;

/// <summary>
/// One routing domain a gateway serves. Mode "nat": the domain's VMs reach the outside from
/// <see cref="ExternalAddresses"/> (source NAT), and <see cref="Forwards"/> let the outside reach them. Mode "forward":
/// the domain's prefixes are routable outside and travel both ways unchanged.
/// </summary>
public sealed class GatewayDomainConfig
{
    /// <summary>The routing domain's RDID.</summary>
    public string? RoutingDomain { get; set; }

    /// <summary>"nat" (the default) or "forward".</summary>
    public string? Mode { get; set; }

    /// <summary>The addresses the domain's traffic leaves from (nat mode): the gateway's own, on its external interface.</summary>
    public List<string> ExternalAddresses { get; set; } = [];

    /// <summary>Inbound port forwards (nat mode).</summary>
    public List<PortForwardConfig> Forwards { get; set; } = [];
}
