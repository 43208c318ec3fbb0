namespace Hnv.Client.Agent;

/// <summary>
/// A VM NIC to attach: the agent creates a TAP named <see cref="Name"/>, moves it into the VM's network
/// namespace as <see cref="InterfaceName"/>, and forwards for it with this MAC, VSID and CAs. With
/// <see cref="ExistingInterface"/>, the agent instead attaches to an interface that already exists in its own
/// namespace (a QEMU tap, a container's veth host end) through an AF_PACKET socket.
/// </summary>
public sealed class PortConfig
{
    public string? Name { get; set; }

    /// <summary>The VM's network namespace (a name under /var/run/netns).</summary>
    public string? Namespace { get; set; }

    /// <summary>The NIC's name inside the VM (default eth0).</summary>
    public string? InterfaceName { get; set; }

    /// <summary>An existing interface (in the agent's namespace) to attach instead of making a TAP.</summary>
    public string? ExistingInterface { get; set; }

    public string? Mac { get; set; }

    public long? Vsid { get; set; }

    /// <summary>The NIC's CAs (IPv4 and/or IPv6, without prefix length).</summary>
    public List<string> Addresses { get; set; } = [];
}
