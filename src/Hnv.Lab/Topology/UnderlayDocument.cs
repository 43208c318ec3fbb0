namespace Hnv.Lab.Topology;

/// <summary>The underlay as written: <c>{ mtu: 1500, family: ipv4, gro: false, gso: true }</c>; all optional.</summary>
public sealed class UnderlayDocument
{
    public int? Mtu { get; set; }

    /// <summary>ipv4, ipv6 or dual: which PAs the hosts get.</summary>
    public string? Family { get; set; }

    /// <summary>True: each host's eth0 merges what it receives (GRO), as a physical NIC does by default.</summary>
    public bool? Gro { get; set; }

    /// <summary>False: the agents split TCP super-frames themselves instead of having the kernel segment them (agent underlay.gso).</summary>
    public bool? Gso { get; set; }
}
