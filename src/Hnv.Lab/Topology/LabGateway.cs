namespace Hnv.Lab.Topology;

/// <summary>
/// A gateway of a lab: its namespace on the fabric (with its PAs), its link to the outside network (ext0, with
/// <see cref="ExternalLinkAddress"/>), the address nat domains leave from, and the domains it serves.
/// </summary>
public sealed class LabGateway
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The gateway's PAs, with the fabric's prefix length, as a host's.</summary>
    public required List<string> ProviderAddresses { get; init; }

    /// <summary>ext0's own address on the outside network (203.0.113.2/24 for the first gateway).</summary>
    public required string ExternalLinkAddress { get; init; }

    /// <summary>The address its nat domains leave from and port forwards arrive at (203.0.113.100 for the first gateway).</summary>
    public required string ExternalAddress { get; init; }

    public required List<LabGatewayDomain> Domains { get; init; }

    /// <summary>Its priority among the gateways of a domain (higher wins while alive).</summary>
    public int Priority { get; init; }

    /// <summary>The start of its routing contexts' namespace names (the lab's prefix, so `down` finds them).</summary>
    public string ContextPrefix => Namespace + "-";

    /// <summary>The gateway as a node of the fabric: a host's name, namespace and PAs.</summary>
    public LabHost Node() => new() { Name = Name, Namespace = Namespace, ProviderAddresses = ProviderAddresses };
}
