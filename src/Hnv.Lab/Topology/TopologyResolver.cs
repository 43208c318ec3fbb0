using System.Globalization;
using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

/// <summary>
/// Checks a <see cref="TopologyDocument"/> and makes every assignment (PAs, MACs, CAs, RDIDs), giving a
/// <see cref="LabTopology"/>, or a <see cref="LabException"/> listing every problem with its field.
/// Assignments depend only on the file, so the same file always gives the same lab.
/// </summary>
public partial class TopologyResolver
{
    /// <summary>Default underlay MTU.</summary>
    public const int DefaultMtu = 1500;

    /// <summary>NVGRE envelope over IPv4 PAs: outer Ethernet 14 + IPv4 20 + GRE with key 8.</summary>
    public const int Ipv4Overhead = 42;

    /// <summary>NVGRE envelope over IPv6 PAs: outer Ethernet 14 + IPv6 40 + GRE with key 8.</summary>
    public const int Ipv6Overhead = 62;

    /// <summary>The smallest MTU IPv6 allows on a link (RFC 8200 section 5).</summary>
    private const int Ipv6MinimumMtu = 1280;

    private static readonly IpPrefix[] V4Ranges = [IpPrefix.Parse("192.0.2.0/24"), IpPrefix.Parse("198.51.100.0/24")];
    private static readonly IpPrefix V6Range = IpPrefix.Parse("2001:db8::/32");

    private readonly List<TopologyProblem> _problems = [];
    private string _lab = "lab";

    /// <summary>Resolves <paramref name="document"/> or throws a <see cref="LabException"/> with every problem.</summary>
    public static LabTopology Resolve(TopologyDocument document) => new TopologyResolver().Run(document);

    private LabTopology Run(TopologyDocument document)
    {
        var name = document.Name;
        if (string.IsNullOrEmpty(name))
        {
            Fail("name", "The lab has no name; give a short one such as 'demo' (it prefixes every namespace and link).");
        }
        else if (!LabNames.IsLabName(name) || name.Length > LabNames.MaxLabName)
        {
            Fail("name", $"The lab name '{name}' must be 1 to {LabNames.MaxLabName} lower-case letters and digits, starting with a letter (no '-': it is the prefix of every namespace, '{name}-fab' must fit Linux's 15 characters).");
        }
        else
        {
            _lab = name;
        }

        var (mtu, family) = ReadUnderlay(document.Underlay);
        var nodes = ReadHosts(document.Hosts, document.Gateways, family);
        var hosts = nodes.Take(document.Hosts?.Count ?? 0).ToList();
        var domains = ReadRoutingDomains(document.RoutingDomains, out var subnets);
        var vms = ReadVms(document.Vms, hosts, subnets);
        var gateways = ReadGateways(document.Gateways, nodes.Skip(hosts.Count).ToList(), domains, vms);
        var vmMtu = mtu - (family == UnderlayFamily.Ipv4 ? Ipv4Overhead : Ipv6Overhead);
        if (vmMtu < Ipv6MinimumMtu && vms.Exists(v => v.Addresses.Exists(a => a.Contains(':', StringComparison.Ordinal))))
        {
            Fail("underlay.mtu", $"With an underlay MTU of {mtu} the VMs' NICs get {vmMtu}, below the {Ipv6MinimumMtu} IPv6 needs; raise the underlay MTU to at least {Ipv6MinimumMtu + mtu - vmMtu}.");
        }

        if (_problems.Count > 0)
        {
            var what = _problems.Count == 1 ? "a problem" : $"{_problems.Count} problems";
            throw new LabException($"The topology has {what}:", _problems);
        }

        return new LabTopology
        {
            Name = _lab,
            Mtu = mtu,
            Family = family,
            Gro = document.Underlay?.Gro ?? false,
            Gso = document.Underlay?.Gso ?? true,
            VmMtu = vmMtu,
            Hosts = hosts,
            RoutingDomains = domains,
            Vms = vms,
            Gateways = gateways,
        };
    }

    private (int Mtu, UnderlayFamily Family) ReadUnderlay(UnderlayDocument? underlay)
    {
        var mtu = underlay?.Mtu ?? DefaultMtu;
        if (mtu is < 576 or > 9000)
        {
            Fail("underlay.mtu", $"The underlay MTU {mtu} is out of range; expected 576 to 9000 (1500 is Ethernet's).");
            mtu = DefaultMtu;
        }

        var family = UnderlayFamily.Ipv4;
        switch (underlay?.Family?.ToUpperInvariant())
        {
            case null or "IPV4":
                break;
            case "IPV6":
                family = UnderlayFamily.Ipv6;
                break;
            case "DUAL":
                family = UnderlayFamily.Dual;
                break;
            default:
                Fail("underlay.family", $"The underlay family '{underlay.Family}' is unknown; expected ipv4, ipv6 or dual.");
                break;
        }

        return (mtu, family);
    }

    /// <summary>
    /// The hosts, then the gateways, as lab hosts with their PAs: both sit on the fabric, share the namespace prefix
    /// (so no two share a name) and take PAs from the same fabric subnet.
    /// </summary>
    private List<LabHost> ReadHosts(List<HostDocument?>? hostItems, List<GatewayDocument?>? gatewayItems, UnderlayFamily family)
    {
        var hosts = new List<LabHost>();
        if (hostItems is null || hostItems.Count == 0)
        {
            Fail("hosts", "The lab has no hosts; list at least one, such as [host1, host2].");
            return hosts;
        }

        var items = hostItems.Select((h, i) => (Path: $"hosts[{i}]", What: "host", h?.Name, h?.ProviderAddresses))
            .Concat((gatewayItems ?? []).Select((g, i) => (Path: $"gateways[{i}]", What: "gateway", g?.Name, g?.ProviderAddresses)))
            .ToList();

        var wantV4 = family != UnderlayFamily.Ipv6;
        var wantV6 = family != UnderlayFamily.Ipv4;
        var given = new List<(IpAddress? V4, IpAddress? V6)>();
        var used = new Dictionary<IpAddress, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var (path, what, name, pas) = items[i];
            if (CheckMemberName(name, $"{path}.name", what) && !names.Add(name!))
            {
                Fail($"{path}.name", $"The {what} name '{name}' is already a host's or gateway's; each needs its own name.");
            }

            IpAddress? v4 = null;
            IpAddress? v6 = null;
            pas ??= [];
            for (var p = 0; p < pas.Count; p++)
            {
                var field = $"{path}.providerAddresses[{p}]";
                if (!IpAddress.TryParse(pas[p], out var pa))
                {
                    Fail(field, $"'{pas[p]}' is not an IP address; give a PA such as 192.0.2.7 or 2001:db8::7.");
                }
                else if (pa.IsV4 ? !wantV4 : !wantV6)
                {
                    Fail(field, $"The PA {pa} is IPv{(pa.IsV4 ? 4 : 6)} but the underlay family is {family.ToString().ToLowerInvariant()}; change underlay.family or the PA.");
                }
                else if (pa.IsV4 ? v4 is not null : v6 is not null)
                {
                    Fail(field, $"The host has a second IPv{(pa.IsV4 ? 4 : 6)} PA {pa}; a lab host has one PA per family.");
                }
                else if (pa.IsV4 ? !Array.Exists(V4Ranges, r => r.Contains(pa) && pa != r.Address && pa != r.Address.Add(255)) : !V6Range.Contains(pa) || pa.Value == V6Range.Address.Value)
                {
                    Fail(field, $"The PA {pa} is outside the documentation ranges the lab uses; give a host address of 192.0.2.0/24, 198.51.100.0/24 or 2001:db8::/32.");
                }
                else if (!used.TryAdd(pa, path))
                {
                    Fail(field, $"The PA {pa} is already given to {used[pa]}; a PA belongs to one host.");
                }
                else if (pa.IsV4)
                {
                    v4 = pa;
                }
                else
                {
                    v6 = pa;
                }
            }

            given.Add((v4, v6));
        }

        var v4Net = FabricNet(given.Select(g => g.V4), IpPrefix.Parse("192.0.2.0/24"), 24, "IPv4");
        var v6Net = FabricNet(given.Select(g => g.V6), IpPrefix.Parse("2001:db8::/64"), 64, "IPv6");
        for (var i = 0; i < items.Count; i++)
        {
            var pas = new List<string>();
            if (wantV4)
            {
                pas.Add($"{given[i].V4 ?? NextFree(v4Net, used, items[i].Path)}/24");
            }

            if (wantV6)
            {
                pas.Add($"{given[i].V6 ?? NextFree(v6Net, used, items[i].Path)}/64");
            }

            var name = items[i].Name ?? string.Empty;
            hosts.Add(new LabHost { Name = name, Namespace = LabNames.Prefixed(_lab, name), ProviderAddresses = pas });
        }

        return hosts;
    }

    /// <summary>The one fabric subnet of a family: that of the given PAs (which must share it), else <paramref name="fallback"/>.</summary>
    private IpPrefix FabricNet(IEnumerable<IpAddress?> given, IpPrefix fallback, int length, string what)
    {
        IpPrefix? net = null;
        foreach (var pa in given)
        {
            if (pa is not { } address)
            {
                continue;
            }

            var own = new IpPrefix(address.Mask(length), length);
            if (net is null)
            {
                net = own;
            }
            else if (net != own)
            {
                Fail("hosts", $"The {what} PAs are in {net} and {own}; the fabric is one flat link, so give every host's {what} PA in one /{length}.");
            }
        }

        return net ?? fallback;
    }

    /// <summary>The lowest host address of <paramref name="net"/> (from .1) not yet used, and marks it used.</summary>
    private IpAddress NextFree(IpPrefix net, Dictionary<IpAddress, string> used, string path)
    {
        for (ulong offset = 1; offset < 255; offset++)
        {
            var candidate = net.Address.Add(offset);
            if (used.TryAdd(candidate, path))
            {
                return candidate;
            }
        }

        Fail(path, $"No free PA is left in {net}; give fewer hosts.");
        return net.Address;
    }

    private bool CheckMemberName(string? name, string field, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            Fail(field, $"The {what} has no name; give one such as '{what}1'.");
            return false;
        }

        if (!LabNames.IsMemberName(name))
        {
            Fail(field, $"The {what} name '{name}' must be lower-case letters, digits and inner '-'.");
            return false;
        }

        var prefixed = LabNames.Prefixed(_lab, name);
        if (prefixed.Length > LabNames.MaxLinuxName)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"The {what} name '{name}' makes the namespace '{prefixed}' of {prefixed.Length} characters, over Linux's {LabNames.MaxLinuxName}; shorten it to at most {LabNames.MaxLinuxName - _lab.Length - 1} characters (or shorten the lab name)."));
            return false;
        }

        if (name is LabNames.Fabric or LabNames.Bridge or LabOutside.Suffix)
        {
            Fail(field, $"The {what} name '{name}' is reserved for the lab's fabric and outside ('{LabNames.Prefixed(_lab, LabNames.Fabric)}', '{LabNames.Prefixed(_lab, LabNames.Bridge)}', '{LabNames.Prefixed(_lab, LabOutside.Suffix)}'); choose another.");
            return false;
        }

        return true;
    }

    private bool Fail(string field, string message)
    {
        _problems.Add(new TopologyProblem(field, message));
        return false;
    }
}
