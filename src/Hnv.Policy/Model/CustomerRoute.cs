using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Model;

/// <summary>
/// A route inside one routing domain: <see cref="Destination"/> is reached on-link (<see cref="NextHop"/> null)
/// or through the CA <see cref="NextHop"/>, such as a gateway's.
/// </summary>
public sealed record CustomerRoute(Rdid Rdid, Vsid Vsid, IpPrefix Destination, IpAddress? NextHop, int Metric)
{
    /// <summary>The metric used when an operator gives none.</summary>
    public const int DefaultMetric = 256;

    /// <summary>The route's identity within a policy.</summary>
    public CustomerRouteKey Key => new(Rdid, Destination, Vsid);
}
