using System.Collections.Immutable;
using Hnv.Client.Agent;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="PortConfig"/>; <see cref="ExistingInterface"/> null means "make a TAP".</summary>
public sealed record PortSettings(string Name, string Namespace, string InterfaceName, MacAddress Mac, Vsid Vsid, ImmutableArray<IpAddress> Addresses,
    string? ExistingInterface = null);
