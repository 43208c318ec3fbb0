using Hnv.Wire.Addressing;

namespace Hnv.Cli.Lab;

/// <summary>A subnet while a topology is resolved: the lab's view, its routing domain, its parsed prefixes.</summary>
internal sealed record SubnetEntry(LabSubnet Subnet, string Domain, IReadOnlyList<IpPrefix> Prefixes);
