using Hnv.Wire.Addressing;

namespace Hnv.Policy.Model;

/// <summary>Identifies a provider route: host and destination prefix.</summary>
public readonly record struct ProviderRouteKey(string Host, IpPrefix Destination);
