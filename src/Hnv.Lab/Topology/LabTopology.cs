namespace Hnv.Lab.Topology;

/// <summary>
/// A validated topology with every assignment made (PAs, MACs, CAs, RDIDs, namespaces): what `up` builds and
/// what lab.json keeps, so `status` and `down` need not read the YAML again.
/// </summary>
public sealed class LabTopology
{
    public required string Name { get; init; }

    /// <summary>The underlay MTU: of each host's eth0 and the fabric's links.</summary>
    public required int Mtu { get; init; }

    public required UnderlayFamily Family { get; init; }

    /// <summary>
    /// Each host's eth0 behaves like a physical NIC with GRO on: it merges one flow's received segments (NVGRE
    /// included) into super-frames. Off by default: a veth merges nothing, and the benchmark compares on that fabric.
    /// </summary>
    public bool Gro { get; init; }

    /// <summary>
    /// The agents send TCP super-frames whole and the kernel segments them (the agents' underlay.gso, on by default);
    /// false makes them split super-frames themselves, as before the kernel could be asked to.
    /// </summary>
    public bool Gso { get; init; } = true;

    /// <summary>The MTU of each VM's NIC: the underlay MTU less the NVGRE envelope (42 bytes over IPv4 PAs, 62 over IPv6).</summary>
    public required int VmMtu { get; init; }

    public required List<LabHost> Hosts { get; init; }

    public required List<LabRoutingDomain> RoutingDomains { get; init; }

    public required List<LabVm> Vms { get; init; }

    /// <summary>The gateways (none: the lab has no outside network).</summary>
    public List<LabGateway> Gateways { get; init; } = [];
}
