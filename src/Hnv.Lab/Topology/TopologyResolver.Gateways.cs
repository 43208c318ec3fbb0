using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

public partial class TopologyResolver
{
    private List<LabGateway> ReadGateways(List<GatewayDocument?>? items, List<LabHost> nodes, List<LabRoutingDomain> domains, List<LabVm> vms)
    {
        var gateways = new List<LabGateway>();
        if (items is null)
        {
            return gateways;
        }

        if (items.Count > LabOutside.MaxGateways)
        {
            Fail("gateways", $"{items.Count} gateways are more than a lab's outside network has addresses for; give at most {LabOutside.MaxGateways}.");
        }

        var served = new HashSet<(string Domain, string Gateway)>();
        var forwardPrefixes = new List<(IpPrefix Prefix, string Domain)>();
        for (var i = 0; i < items.Count && i < nodes.Count; i++)
        {
            var path = $"gateways[{i}]";
            var name = nodes[i].Name;
            if (vms.Exists(v => v.Name == name))
            {
                Fail($"{path}.name", $"The gateway name '{name}' is also a VM's; they share the namespace prefix, so rename one.");
            }

            var domainItems = items[i]?.Domains ?? [];
            if (domainItems.Count == 0)
            {
                Fail($"{path}.domains", "The gateway serves no routing domain; give at least one, such as { routingDomain: blue, mode: nat }.");
            }

            var labDomains = new List<LabGatewayDomain>();
            for (var d = 0; d < domainItems.Count; d++)
            {
                if (ReadGatewayDomain(domainItems[d], $"{path}.domains[{d}]", name, domains, vms, served, forwardPrefixes) is { } domain)
                {
                    labDomains.Add(domain);
                }
            }

            gateways.Add(new LabGateway
            {
                Name = name,
                Namespace = nodes[i].Namespace,
                ProviderAddresses = nodes[i].ProviderAddresses,
                ExternalLinkAddress = $"{LabOutside.LinkAddress(i)}/{LabOutside.PrefixLength}",
                ExternalAddress = LabOutside.ExternalAddress(i),
                Priority = items[i]?.Priority ?? 0,
                Domains = labDomains,
            });
        }

        return gateways;
    }

    private LabGatewayDomain? ReadGatewayDomain(
        GatewayDomainDocument? item, string path, string gateway, List<LabRoutingDomain> domains, List<LabVm> vms,
        HashSet<(string Domain, string Gateway)> served, List<(IpPrefix Prefix, string Domain)> forwardPrefixes)
    {
        var name = item?.RoutingDomain;
        var domain = domains.Find(d => d.Name == name);
        if (domain is null)
        {
            Fail($"{path}.routingDomain", $"'{name}' is not a routing domain of the lab; give one of: {string.Join(", ", domains.Select(d => d.Name))}.");
            return null;
        }

        if (!served.Add((domain.Name, gateway)))
        {
            Fail($"{path}.routingDomain", $"The routing domain '{domain.Name}' is already served by gateway '{gateway}'; give each domain once (several gateways may serve one: the controller makes one active).");
        }

        var mode = item?.Mode ?? "nat";
        if (mode is not ("nat" or "forward"))
        {
            Fail($"{path}.mode", $"'{mode}' is not a gateway mode; expected nat (the default) or forward.");
        }

        var prefixes = domain.Subnets.SelectMany(s => s.Prefixes).Select(IpPrefix.Parse).Where(p => !p.IsV6).ToList();
        if (mode == "forward")
        {
            foreach (var prefix in prefixes)
            {
                if (forwardPrefixes.Find(f => f.Prefix.Overlaps(prefix) && f.Domain != domain.Name) is { Domain: { } other })
                {
                    Fail($"{path}.routingDomain", $"The forward domain '{domain.Name}' has {prefix}, which overlaps forward domain '{other}'s; routed prefixes must be unique outside.");
                }

                forwardPrefixes.Add((prefix, domain.Name));
            }
        }

        var forwards = new List<LabForward>();
        var forwardItems = item?.Forwards ?? [];
        if (mode == "forward" && forwardItems.Count > 0)
        {
            Fail($"{path}.forwards", "A forward domain is reachable from outside as it is; port forwards are for nat domains.");
        }

        for (var f = 0; f < forwardItems.Count; f++)
        {
            var field = $"{path}.forwards[{f}]";
            var forward = forwardItems[f];
            var vm = vms.Find(v => v.Name == forward?.To);
            var ca = vm?.Addresses.Select(LabPolicy.Address).Where(a => a.IsV4).Cast<IpAddress?>().FirstOrDefault();
            if (forward?.Protocol is not ("tcp" or "udp"))
            {
                Fail($"{field}.protocol", $"'{forward?.Protocol}' is not tcp or udp.");
            }
            else if (forward.Port is not (>= 1 and <= 65535) || forward.ToPort is not (null or (>= 1 and <= 65535)))
            {
                Fail($"{field}.port", "The ports must be 1 to 65535.");
            }
            else if (vm is null || !domain.Subnets.Exists(s => s.Vsid == vm.Vsid) || ca is null)
            {
                Fail($"{field}.to", $"'{forward.To}' is not a VM of routing domain '{domain.Name}' with an IPv4 address.");
            }
            else
            {
                forwards.Add(new LabForward { Protocol = forward.Protocol, Port = forward.Port.Value, To = ca.Value.ToString(), ToPort = forward.ToPort ?? forward.Port.Value });
            }
        }

        return new LabGatewayDomain
        {
            RoutingDomain = domain.Name,
            Rdid = domain.Rdid,
            Mode = mode,
            Forwards = forwards,
        };
    }
}
