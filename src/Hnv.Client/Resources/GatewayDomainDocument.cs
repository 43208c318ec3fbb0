using Hnv.Client.Gateway;

namespace Hnv.Client.Resources;

/// <summary>
/// A routing domain a gateway serves (/gateways/{name}/domains/{rdid}): the fields of the gateway file's
/// <see cref="GatewayDomainConfig"/>, read by the same <see cref="GatewayDomainReader"/>, plus the gateway's name.
/// </summary>
public sealed class GatewayDomainDocument
{
    public string? Gateway { get; set; }

    public string? RoutingDomain { get; set; }

    /// <summary>"nat" (the default) or "forward".</summary>
    public string? Mode { get; set; }

    public List<string>? ExternalAddresses { get; set; }

    public List<PortForwardConfig>? Forwards { get; set; }

    /// <summary>Answer only: whether this gateway is the domain's active one now.</summary>
    public bool? Active { get; set; }

    /// <summary>The gateway file's form of the same fields.</summary>
    public GatewayDomainConfig ToConfig() => new()
    {
        RoutingDomain = RoutingDomain,
        Mode = Mode,
        ExternalAddresses = ExternalAddresses ?? [],
        Forwards = Forwards ?? [],
    };
}
