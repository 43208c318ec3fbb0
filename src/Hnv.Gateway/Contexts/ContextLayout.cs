using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// Where routing domain number <paramref name="Index"/> (in configuration order) lives on this gateway: its network
/// namespace, the gateway's end of the transit link to it and the outside port's TAP, and the transit link's addresses,
/// a /31 of the shared address space 100.64.0.0/10 (RFC 6598, made for carrier-grade NAT), which never leaves the machine.
/// </summary>
public sealed record ContextLayout(int Index, Rdid Rdid, string Namespace, string TransitLink, string TapName, IpAddress GatewayTransit, IpAddress ContextTransit)
{
    /// <summary>How many domains one gateway can serve: the /31s in 100.64.0.0/10.</summary>
    public const int MaxDomains = 1 << 21;

    /// <summary>The transit link's name inside the context (toward the gateway's namespace).</summary>
    public const string TransitLinkName = "transit";

    /// <summary>The outside port's name inside the context (toward the virtual network).</summary>
    public const string PortLinkName = "vnet";

    private static readonly IpAddress SharedSpace = IpAddress.Parse("100.64.0.0");

    /// <summary>The layout of domain <paramref name="index"/>; <paramref name="prefix"/> starts the namespace's name.</summary>
    public static ContextLayout For(string prefix, Rdid rdid, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxDomains);
        var gatewayEnd = SharedSpace.Add(2UL * (ulong)index);
        return new ContextLayout(index, rdid, prefix + rdid, $"hx{index}", $"hi{index}", gatewayEnd, gatewayEnd.Add(1));
    }

    /// <summary>The MAC of the outside port (the TAP in the context): locally administered, "HN" and the index.</summary>
    public MacAddress OutsideMac => new(0x02_48_4E_00_00_00UL | (uint)Index);
}
