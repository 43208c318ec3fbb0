using Hnv.Policy.Documents;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

/// <summary>
/// The policy of a lab: its routing domains and subnets, one lookup record per VM CA (to the VM's MAC and its
/// host's PA), every host's and gateway's PAs. Over a dual underlay a CA is carried over the host's PA of its own family.
/// The gateways' GatewayWildcard records are the controller's to derive from the gateways it is given.
/// </summary>
internal static class LabPolicy
{
    /// <summary>The policy document of <paramref name="topology"/>.</summary>
    public static PolicyDocument Build(LabTopology topology)
    {
        var document = new PolicyDocument();
        foreach (var domain in topology.RoutingDomains)
        {
            document.RoutingDomains.Add(new RoutingDomainDocument { Rdid = domain.Rdid, Name = domain.Name });
            foreach (var subnet in domain.Subnets)
            {
                document.VirtualSubnets.Add(new VirtualSubnetDocument
                {
                    Vsid = subnet.Vsid,
                    Rdid = domain.Rdid,
                    Name = subnet.Name,
                    Prefixes = [.. subnet.Prefixes],
                    DefaultRouters = [.. subnet.DefaultRouters],
                });
            }
        }

        foreach (var vm in topology.Vms)
        {
            var host = topology.Hosts.Find(h => h.Name == vm.Host)!;
            foreach (var address in vm.Addresses)
            {
                var ca = Address(address);
                document.LookupRecords.Add(new LookupRecordDocument
                {
                    Ca = ca.ToString(),
                    Vsid = vm.Vsid,
                    Mac = vm.Mac,
                    Pa = PaFor(host, ca, topology.Family).ToString(),
                });
            }
        }

        foreach (var host in topology.Hosts.Concat(topology.Gateways.Select(g => g.Node())))
        {
            foreach (var pa in host.ProviderAddresses)
            {
                var prefix = IpPrefix.Parse(pa);
                document.ProviderAddresses.Add(new ProviderAddressDocument { Host = host.Name, Pa = Address(pa).ToString(), PrefixLength = prefix.Length });
            }
        }

        return document;
    }

    /// <summary>Builds and validates the policy; a problem here is a bug of the lab, so it names the policy field.</summary>
    public static PolicyDocument BuildValidated(LabTopology topology)
    {
        var document = Build(topology);
        var problems = PolicyValidator.Validate(document, out _);
        if (problems.Count > 0)
        {
            throw new LabException($"The generated policy is not valid: {string.Join("; ", problems)}");
        }

        return document;
    }

    /// <summary>The host's PA that carries <paramref name="ca"/>: the only one, or over a dual underlay the one of the CA's family.</summary>
    public static IpAddress PaFor(LabHost host, IpAddress ca, UnderlayFamily family)
    {
        var pas = host.ProviderAddresses.ConvertAll(Address);
        return family == UnderlayFamily.Dual ? pas.Find(p => p.IsV6 == ca.IsV6) : pas[0];
    }

    /// <summary>"10.0.0.10/24" -> 10.0.0.10.</summary>
    public static IpAddress Address(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return IpAddress.Parse(slash < 0 ? cidr : cidr[..slash]);
    }
}
