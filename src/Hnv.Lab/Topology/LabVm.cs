namespace Hnv.Lab.Topology;

/// <summary>A VM of a lab: its namespace, host, VSID, MAC and CAs (with the subnet's prefix length: 10.0.0.10/24).</summary>
public sealed class LabVm
{
    public required string Name { get; init; }

    public required string Host { get; init; }

    public required long Vsid { get; init; }

    public required string Namespace { get; init; }

    public required string Mac { get; init; }

    /// <summary>The VM's CAs with their subnet's prefix length.</summary>
    public required List<string> Addresses { get; init; }

    /// <summary>The default router of each address family the VM has an address in.</summary>
    public required List<string> DefaultRouters { get; init; }

    /// <summary>
    /// The NIC is a veth pair the lab makes, as a container runtime would: eth0 in the VM's namespace, the other end
    /// (named as the VM) in its host's, where the agent attaches it (existingInterface). Otherwise the agent makes a TAP.
    /// </summary>
    public bool Veth { get; init; }
}
