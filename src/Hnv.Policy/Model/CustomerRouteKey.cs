using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Model;

/// <summary>Identifies a customer route: routing domain, destination prefix and VSID.</summary>
public readonly record struct CustomerRouteKey(Rdid Rdid, IpPrefix Destination, Vsid Vsid);
