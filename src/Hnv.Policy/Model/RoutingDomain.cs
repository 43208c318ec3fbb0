namespace Hnv.Policy.Model;

/// <summary>A tenant's customer network: a set of virtual subnets that may route to each other.</summary>
public sealed record RoutingDomain(Rdid Rdid, string Name);
