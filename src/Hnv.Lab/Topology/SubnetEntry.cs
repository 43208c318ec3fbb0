using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

/// <summary>A subnet while a topology is resolved: the lab's view, its routing domain, its parsed prefixes.</summary>
public sealed record SubnetEntry(LabSubnet Subnet, string Domain, IReadOnlyList<IpPrefix> Prefixes);
