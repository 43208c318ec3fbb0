namespace Hnv.Client.Gateway;

/// <summary>
/// How the gateway announces its forward domains' prefixes: its AS number, router id and BGP neighbors (FRR's bgpd,
/// which the gateway runs and configures), and the folder for bgpd's configuration, socket and log.
/// </summary>
public sealed class BgpConfig
{
    public long? Asn { get; set; }

    /// <summary>Default: the gateway's IPv4 PA.</summary>
    public string? RouterId { get; set; }

    public List<BgpNeighborConfig> Neighbors { get; set; } = [];

    /// <summary>Default: /run/hnv/NAME/frr.</summary>
    public string? Directory { get; set; }
}
