using System.Collections.Immutable;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Model;

/// <summary>
/// A virtual subnet: its VSID, routing domain, prefixes (IPv4 and/or IPv6) and one default router address per prefix.
/// Equality compares the prefixes and default routers element by element.
/// </summary>
public sealed record VirtualSubnet(Vsid Vsid, Rdid Rdid, string? Name, ImmutableArray<IpPrefix> Prefixes, ImmutableArray<IpAddress> DefaultRouters)
{
    /// <summary>The default router of a prefix: its first host (10.0.0.1 for 10.0.0.0/24).</summary>
    public static IpAddress DefaultRouter(IpPrefix prefix) => prefix.Address.Add(1);

    /// <inheritdoc />
    public bool Equals(VirtualSubnet? other) =>
        other is not null
        && Vsid == other.Vsid
        && Rdid == other.Rdid
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Prefixes.AsSpan().SequenceEqual(other.Prefixes.AsSpan())
        && DefaultRouters.AsSpan().SequenceEqual(other.DefaultRouters.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Vsid, Rdid, Prefixes.Length);
}
