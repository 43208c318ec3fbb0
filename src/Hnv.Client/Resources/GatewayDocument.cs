using Hnv.Policy.Documents;

namespace Hnv.Client.Resources;

/// <summary>
/// A gateway as the controller knows it (/gateways/{name}). The gateway is a node registered under /hosts by the same
/// name (its PAs and credential live there, as a host's); creating a gateway registers that node and
/// <see cref="ProviderAddresses"/> when they are not there yet. Among the gateways serving one routing domain, the
/// live one with the highest <see cref="Priority"/> (then the first name) is active: the domain's GatewayWildcard
/// records name its PA.
/// </summary>
public sealed class GatewayDocument
{
    public string? Name { get; set; }

    /// <summary>Higher wins among the live gateways of a domain (default 0).</summary>
    public int? Priority { get; set; }

    public string? Description { get; set; }

    /// <summary>The node's PAs (in a request: those to register with it; host and prefix length as /provider-addresses takes them).</summary>
    public List<ProviderAddressDocument>? ProviderAddresses { get; set; }

    /// <summary>Answer only: whether the controller counts it alive (watching, and heard from within the liveness time).</summary>
    public bool? Alive { get; set; }

    /// <summary>Answer only: the routing domains it serves, each with whether it is the active gateway there.</summary>
    public List<GatewayDomainDocument>? Domains { get; set; }
}
