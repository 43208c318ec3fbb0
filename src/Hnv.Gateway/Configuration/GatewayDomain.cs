using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Configuration;

/// <summary>A validated routing domain the gateway serves: its mode, external addresses (nat) and port forwards.</summary>
public sealed record GatewayDomain(Rdid Rdid, GatewayMode Mode, ImmutableArray<IpAddress> ExternalAddresses, ImmutableArray<PortForward> Forwards);
