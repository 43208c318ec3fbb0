namespace Hnv.Lab.Topology;

/// <summary>
/// A VM as written: <c>{ name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }</c>; addresses and mac
/// are assigned when left out.
/// </summary>
public sealed class VmDocument
{
    public string? Name { get; set; }

    public string? Host { get; set; }

    /// <summary>The VSID of the VM's virtual subnet.</summary>
    public long? Subnet { get; set; }

    public List<string?>? Addresses { get; set; }

    public string? Mac { get; set; }

    /// <summary>tap (the default: the agent makes the VM's NIC) or veth (a container's: the agent attaches its host end).</summary>
    public string? Nic { get; set; }
}
