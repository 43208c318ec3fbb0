using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

public partial class TopologyResolver
{
    private List<LabRoutingDomain> ReadRoutingDomains(List<TenantDocument?>? items, out Dictionary<long, SubnetEntry> subnets)
    {
        subnets = [];
        var domains = new List<LabRoutingDomain>();
        if (items is null || items.Count == 0)
        {
            Fail("routingDomains", "The lab has no routing domains; give at least one with a subnet, such as { name: blue, subnets: [{ vsid: 5001, prefixes: [10.0.0.0/24] }] }.");
            return domains;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"routingDomains[{i}]";
            var name = items[i]?.Name;
            if (string.IsNullOrEmpty(name) || !LabNames.IsMemberName(name))
            {
                Fail($"{path}.name", $"The routing domain name '{name}' must be lower-case letters, digits and inner '-', such as 'blue'.");
            }
            else if (!names.Add(name))
            {
                Fail($"{path}.name", $"The routing domain name '{name}' is used twice; each tenant needs its own name.");
            }

            name ??= string.Empty;
            var labSubnets = new List<LabSubnet>();
            var subnetItems = items[i]?.Subnets ?? [];
            if (subnetItems.Count == 0)
            {
                Fail($"{path}.subnets", $"The routing domain '{name}' has no subnets; give at least one with a vsid and prefixes.");
            }

            for (var s = 0; s < subnetItems.Count; s++)
            {
                if (ReadSubnet(subnetItems[s], $"{path}.subnets[{s}]", name, subnets) is { } subnet)
                {
                    labSubnets.Add(subnet);
                }
            }

            domains.Add(new LabRoutingDomain { Name = name, Rdid = LabIdentity.Rdid(_lab, name).ToString(), Subnets = labSubnets });
        }

        return domains;
    }

    private LabSubnet? ReadSubnet(SubnetDocument? item, string path, string domain, Dictionary<long, SubnetEntry> subnets)
    {
        var vsid = item?.Vsid;
        var ok = true;
        if (vsid is not { } value)
        {
            ok = Fail($"{path}.vsid", "The subnet has no vsid; give one from 4096 to 16777214 (RFC 7637 reserves 0-4095 and 16777215).");
        }
        else if (value is < 4096 or > 0xFFFFFE)
        {
            ok = Fail($"{path}.vsid", $"The VSID {value} is reserved or too large; expected 4096 to 16777214 (RFC 7637 section 3.2).");
        }
        else if (subnets.TryGetValue(value, out var other))
        {
            ok = Fail($"{path}.vsid", $"The VSID {value} is already used in routing domain '{other.Domain}'; each virtual subnet needs its own VSID.");
        }

        var prefixes = new List<IpPrefix>();
        var texts = item?.Prefixes ?? [];
        if (texts.Count == 0)
        {
            ok = Fail($"{path}.prefixes", "The subnet has no prefixes; give at least one, such as 10.0.0.0/24 or fd00:b::/64.");
        }

        for (var p = 0; p < texts.Count; p++)
        {
            if (!IpPrefix.TryParse(texts[p], out var prefix, requireMasked: true))
            {
                ok = Fail($"{path}.prefixes[{p}]", $"'{texts[p]}' is not a prefix with its host bits zero; give one such as 10.0.0.0/24.");
            }
            else if (prefix.Length > prefix.Address.BitLength - 3)
            {
                ok = Fail($"{path}.prefixes[{p}]", $"The prefix {prefix} is too small for a default router and VMs; give /{prefix.Address.BitLength - 3} or shorter.");
            }
            else
            {
                prefixes.Add(prefix);
            }
        }

        if (!ok)
        {
            return null;
        }

        var subnet = new LabSubnet
        {
            Vsid = vsid!.Value,
            Name = item?.Name,
            Prefixes = prefixes.ConvertAll(p => p.ToString()),
            DefaultRouters = prefixes.ConvertAll(p => p.Address.Add(1).ToString()),
        };
        subnets.Add(subnet.Vsid, new SubnetEntry(subnet, domain, prefixes));
        return subnet;
    }

    private List<LabVm> ReadVms(List<VmDocument?>? items, List<LabHost> hosts, Dictionary<long, SubnetEntry> subnets)
    {
        var vms = new List<LabVm>();
        if (items is null || items.Count == 0)
        {
            Fail("vms", "The lab has no VMs; give at least one, such as { name: b1, host: host1, subnet: 5001 }.");
            return vms;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hostNames = hosts.ConvertAll(h => h.Name);
        var usedCas = new Dictionary<(string Domain, IpAddress Ca), string>();
        var macs = new Dictionary<MacAddress, string>();
        var given = new List<List<IpAddress>?>();
        var entries = new List<SubnetEntry?>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"vms[{i}]";
            var vm = items[i];
            if (CheckMemberName(vm?.Name, $"{path}.name", "VM"))
            {
                if (!names.Add(vm!.Name!))
                {
                    Fail($"{path}.name", $"The VM name '{vm.Name}' is used twice; each VM needs its own name.");
                }
                else if (hostNames.Contains(vm.Name!))
                {
                    Fail($"{path}.name", $"The VM name '{vm.Name}' is also a host's; hosts and VMs share the namespace prefix, so rename one.");
                }
                else if (vm.Name is "eth0" or "lo")
                {
                    Fail($"{path}.name", $"The VM name '{vm.Name}' is taken in the host's namespace, where the VM's NIC is made under the VM's name; choose another.");
                }
            }

            if (string.IsNullOrEmpty(vm?.Host))
            {
                Fail($"{path}.host", $"The VM has no host; give one of: {string.Join(", ", hostNames)}.");
            }
            else if (!hostNames.Contains(vm.Host))
            {
                Fail($"{path}.host", $"The host '{vm.Host}' is not declared; give one of: {string.Join(", ", hostNames)} (or add it to hosts).");
            }

            SubnetEntry? entry = null;
            if (vm?.Subnet is not { } vsid)
            {
                Fail($"{path}.subnet", "The VM has no subnet; give the VSID of a subnet declared under routingDomains.");
            }
            else if (!subnets.TryGetValue(vsid, out entry))
            {
                Fail($"{path}.subnet", $"The VSID {vsid} is not declared; give one of: {string.Join(", ", subnets.Keys)} (or declare it under routingDomains[].subnets).");
            }

            if (vm?.Nic is { } nic && nic is not ("tap" or "veth"))
            {
                Fail($"{path}.nic", $"The NIC kind '{nic}' is unknown; expected tap (the agent makes the VM's NIC) or veth (a container's, which the agent attaches).");
            }

            entries.Add(entry);
            given.Add(vm?.Addresses is null ? null : ReadCas(vm.Addresses, $"{path}.addresses", entry, usedCas));
            if (vm?.Mac is { } macText)
            {
                if (!MacAddress.TryParse(macText, out var mac) || mac.IsMulticast || mac == MacAddress.Zero)
                {
                    Fail($"{path}.mac", $"'{macText}' is not a unicast MAC; give one such as 02:00:00:00:00:01, or leave it out to have one derived.");
                }
                else if (!macs.TryAdd(mac, path))
                {
                    Fail($"{path}.mac", $"The MAC {mac} is already used by {macs[mac]}; each VM needs its own MAC.");
                }
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var vm = items[i];
            if (entries[i] is not { } entry || vm?.Name is not { } name)
            {
                continue;
            }

            var cas = given[i] ?? AssignCas(entry, usedCas, $"vms[{i}]");
            MacAddress mac;
            if (vm.Mac is null)
            {
                mac = LabIdentity.Mac(_lab, name);
                if (!macs.TryAdd(mac, $"vms[{i}]"))
                {
                    Fail($"vms[{i}].mac", $"The derived MAC {mac} collides with {macs[mac]}; give this VM a mac.");
                }
            }
            else
            {
                _ = MacAddress.TryParse(vm.Mac, out mac);
            }

            var addresses = new List<string>();
            var routers = new List<string>();
            foreach (var ca in cas)
            {
                var p = FindPrefix(entry, ca);
                addresses.Add($"{ca}/{entry.Prefixes[p].Length}");
                if (!routers.Exists(g => g.Contains(':', StringComparison.Ordinal) == ca.IsV6))
                {
                    routers.Add(entry.Subnet.DefaultRouters[p]);
                }
            }

            vms.Add(new LabVm
            {
                Name = name,
                Host = vm.Host ?? string.Empty,
                Vsid = entry.Subnet.Vsid,
                Namespace = LabNames.Prefixed(_lab, name),
                Mac = mac.ToString(),
                Addresses = addresses,
                DefaultRouters = routers,
                Veth = vm.Nic == "veth",
            });
        }

        return vms;
    }
}
