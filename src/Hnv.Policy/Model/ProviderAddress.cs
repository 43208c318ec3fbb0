using Hnv.Wire.Addressing;

namespace Hnv.Policy.Model;

/// <summary>A host's PA on the underlay, its prefix length and optional VLAN (0–4094).</summary>
public sealed record ProviderAddress(string Host, IpAddress Pa, int PrefixLength, ushort? Vlan)
{
    /// <summary>The highest VLAN id (IEEE 802.1Q reserves 4095).</summary>
    public const ushort MaxVlan = 4094;

    /// <summary>The address's identity within a policy.</summary>
    public ProviderAddressKey Key => new(Host, Pa);
}
