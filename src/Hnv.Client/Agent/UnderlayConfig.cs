namespace Hnv.Client.Agent;

/// <summary>The host's side of the physical network.</summary>
public sealed class UnderlayConfig
{
    /// <summary>The underlay interface: the AF_PACKET underlay sends and receives on it (the raw-socket one lets the kernel route).</summary>
    public string? Interface { get; set; }

    /// <summary>The underlay's IP MTU.</summary>
    public int? Mtu { get; set; }

    /// <summary>How the underlay is reached: "packet" (AF_PACKET on the interface, the default) or "raw" (raw GRE sockets).</summary>
    public string? Io { get; set; }

    /// <summary>
    /// Whether TCP super-frames from VMs leave whole, for the kernel or the NIC to segment after encapsulation (true, the
    /// default, where the kernel can: Linux 6.6+ with BPF), or are split by the agent (false). Only with io "packet".
    /// </summary>
    public bool? Gso { get; set; }

    /// <summary>This host's PAs: at most one IPv4 and one IPv6.</summary>
    public List<string> ProviderAddresses { get; set; } = [];
}
