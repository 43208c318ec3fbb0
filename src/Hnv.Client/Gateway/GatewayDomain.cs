using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Client.Gateway;

/// <summary>
/// A validated routing domain a gateway serves: its mode, external addresses (nat) and port forwards. Read from a
/// gateway's file or the controller's API by <see cref="GatewayDomainReader"/>. Equality compares the lists in order.
/// </summary>
public sealed record GatewayDomain(Rdid Rdid, GatewayMode Mode, ImmutableArray<IpAddress> ExternalAddresses, ImmutableArray<PortForward> Forwards)
{
    /// <inheritdoc />
    public bool Equals(GatewayDomain? other) =>
        other is not null
        && Rdid == other.Rdid
        && Mode == other.Mode
        && ExternalAddresses.AsSpan().SequenceEqual(other.ExternalAddresses.AsSpan())
        && Forwards.AsSpan().SequenceEqual(other.Forwards.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rdid, Mode, ExternalAddresses.Length, Forwards.Length);

    /// <summary>The wire form (the gateway's file and the controller's API share it).</summary>
    public GatewayDomainConfig ToConfig() => new()
    {
        RoutingDomain = Rdid.ToString(),
        Mode = Mode == GatewayMode.Nat ? "nat" : "forward",
        ExternalAddresses = [.. ExternalAddresses.Select(a => a.ToString())],
        Forwards = [.. Forwards.Select(f => new PortForwardConfig { Protocol = f.Protocol, Port = f.Port, To = f.To.ToString(), ToPort = f.ToPort })],
    };
}
