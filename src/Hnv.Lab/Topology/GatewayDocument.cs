namespace Hnv.Lab.Topology;

/// <summary>
/// A gateway as written: <c>{ name: gw1, domains: [{ routingDomain: blue, mode: nat, forwards: [...] }] }</c>; its PA is
/// assigned from the fabric like a host's when left out. A lab with gateways gets the outside network (<see cref="LabOutside"/>).
/// </summary>
public sealed class GatewayDocument
{
    public string? Name { get; set; }

    public List<string?>? ProviderAddresses { get; set; }

    /// <summary>Among the gateways serving one domain, the alive one with the highest priority is active (default 0).</summary>
    public int? Priority { get; set; }

    public List<GatewayDomainDocument?>? Domains { get; set; }
}
