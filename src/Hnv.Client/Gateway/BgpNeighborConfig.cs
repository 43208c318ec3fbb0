namespace Hnv.Client.Gateway;

/// <summary>A BGP neighbor of the gateway: its IPv4 address (on the outside) and AS number.</summary>
public sealed class BgpNeighborConfig
{
    public string? Address { get; set; }

    public long? Asn { get; set; }
}
