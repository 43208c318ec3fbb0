using Hnv.Wire.Addressing;

namespace Hnv.Policy.Model;

/// <summary>An underlay route a host uses to reach other PAs.</summary>
public sealed record ProviderRoute(string Host, IpPrefix Destination, IpAddress NextHop, int Metric)
{
    /// <summary>The route's identity within a policy.</summary>
    public ProviderRouteKey Key => new(Host, Destination);
}
