namespace Hnv.Agent.Configuration;

/// <summary>The host's side of the physical network.</summary>
public sealed class UnderlayConfig
{
    /// <summary>The underlay interface (informational for the raw-socket underlay, which the kernel routes).</summary>
    public string? Interface { get; set; }

    /// <summary>The underlay's IP MTU.</summary>
    public int? Mtu { get; set; }

    /// <summary>This host's PAs: at most one IPv4 and one IPv6.</summary>
    public List<string> ProviderAddresses { get; set; } = [];
}
