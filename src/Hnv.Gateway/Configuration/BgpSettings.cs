using System.Collections.Immutable;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Configuration;

/// <summary>A validated <see cref="Client.Gateway.BgpConfig"/>.</summary>
public sealed record BgpSettings(uint Asn, IpAddress RouterId, ImmutableArray<BgpNeighbor> Neighbors, string Directory);
