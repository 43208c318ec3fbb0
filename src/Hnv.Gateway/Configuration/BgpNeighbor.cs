using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Configuration;

/// <summary>A BGP neighbor: its IPv4 address and AS number.</summary>
public sealed record BgpNeighbor(IpAddress Address, uint Asn);
