using System.Collections.Immutable;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="PortConfig"/>.</summary>
public sealed record PortSettings(string Name, string Namespace, string InterfaceName, MacAddress Mac, Vsid Vsid, ImmutableArray<IpAddress> Addresses);
