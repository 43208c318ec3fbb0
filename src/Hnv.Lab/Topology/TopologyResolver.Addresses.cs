using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

public partial class TopologyResolver
{
    /// <summary>Assigned CAs start at this host number of each prefix: 10.0.0.10, fd00:b::a.</summary>
    private const ulong FirstAssignedHost = 10;

    private List<IpAddress> ReadCas(List<string?> texts, string path, SubnetEntry? entry, Dictionary<(string, IpAddress), string> used)
    {
        var cas = new List<IpAddress>();
        for (var a = 0; a < texts.Count; a++)
        {
            var field = $"{path}[{a}]";
            if (!IpAddress.TryParse(texts[a], out var ca))
            {
                Fail(field, $"'{texts[a]}' is not an IP address; give a CA such as 10.0.0.10 (no prefix length: the subnet's is used).");
                continue;
            }

            if (entry is null)
            {
                continue;
            }

            var p = FindPrefix(entry, ca);
            if (p < 0)
            {
                Fail(field, $"The address {ca} is outside the subnet {entry.Subnet.Vsid} ({string.Join(", ", entry.Subnet.Prefixes)}); give an address inside one of its prefixes.");
            }
            else if (ca == entry.Prefixes[p].Address || ca.ToString() == entry.Subnet.DefaultRouters[p])
            {
                Fail(field, $"The address {ca} is the network or default router address of {entry.Prefixes[p]}; give another host address.");
            }
            else if (!used.TryAdd((entry.Domain, ca), field))
            {
                Fail(field, $"The address {ca} is already used in routing domain '{entry.Domain}' by {used[(entry.Domain, ca)]}; a CA belongs to one VM of a tenant.");
            }
            else
            {
                cas.Add(ca);
            }
        }

        return cas;
    }

    /// <summary>One CA per prefix of the subnet: the lowest free host from .10 on (given CAs are taken first).</summary>
    private List<IpAddress> AssignCas(SubnetEntry entry, Dictionary<(string, IpAddress), string> used, string path)
    {
        var cas = new List<IpAddress>();
        foreach (var prefix in entry.Prefixes)
        {
            for (var offset = FirstAssignedHost; ; offset++)
            {
                var ca = prefix.Address.Add(offset);
                if (!prefix.Contains(ca) || (ca.IsV4 && !prefix.Contains(ca.Add(1))))
                {
                    Fail($"{path}.addresses", $"No free address is left in {prefix} from .{FirstAssignedHost} on; give the VM addresses.");
                    break;
                }

                if (used.TryAdd((entry.Domain, ca), $"{path}.addresses"))
                {
                    cas.Add(ca);
                    break;
                }
            }
        }

        return cas;
    }

    private static int FindPrefix(SubnetEntry entry, IpAddress ca)
    {
        for (var p = 0; p < entry.Prefixes.Count; p++)
        {
            if (entry.Prefixes[p].Contains(ca))
            {
                return p;
            }
        }

        return -1;
    }
}
