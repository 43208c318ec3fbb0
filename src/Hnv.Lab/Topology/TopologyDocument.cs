namespace Hnv.Lab.Topology;

/// <summary>
/// A lab topology as written in YAML (camelCase keys), unchecked: <see cref="TopologyResolver"/> validates it and
/// assigns what was left out. Documented field by field in docs/lab.md.
/// </summary>
public sealed class TopologyDocument
{
    /// <summary>The lab's name: the prefix of every namespace and link it makes.</summary>
    public string? Name { get; set; }

    public UnderlayDocument? Underlay { get; set; }

    public List<HostDocument?>? Hosts { get; set; }

    public List<TenantDocument?>? RoutingDomains { get; set; }

    public List<VmDocument?>? Vms { get; set; }

    /// <summary>Gateways joining routing domains to the lab's outside network.</summary>
    public List<GatewayDocument?>? Gateways { get; set; }
}
