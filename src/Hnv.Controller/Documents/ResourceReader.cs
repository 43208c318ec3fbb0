using System.Collections.Immutable;
using Hnv.Client.Resources;
using Hnv.Controller.Model;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.Documents;

/// <summary>
/// Reads one request body (a wire document) into a typed item, adding a problem for every field that is wrong,
/// named as the body names it ("vsid", "addresses[1]"). Only the item's own fields are checked here; how it fits
/// the rest of the policy is <see cref="PolicyRules"/>'s job when the change is applied. (Policy's own field
/// reader is internal to Hnv.Policy and names fields by their place in a whole policy document, so the controller
/// reads single items itself with the same messages.)
/// </summary>
internal sealed partial class ResourceReader(List<PolicyProblem> problems)
{
    private readonly List<PolicyProblem> _problems = problems;

    public RoutingDomain? Read(RoutingDomainDocument d)
    {
        var ok = Rdid(d.Rdid, "rdid", out var rdid);
        if (string.IsNullOrWhiteSpace(d.Name))
        {
            ok = Fail("name", "The routing domain has no name; give it a name operators will recognise.");
        }

        return ok ? new RoutingDomain(rdid, d.Name!) : null;
    }

    public VirtualSubnet? Read(VirtualSubnetDocument s)
    {
        var ok = Vsid(s.Vsid, "vsid", out var vsid);
        ok &= Rdid(s.Rdid, "rdid", out var rdid);
        var prefixes = ImmutableArray.CreateBuilder<IpPrefix>();
        var texts = s.Prefixes ?? [];
        if (texts.Count == 0)
        {
            ok = Fail("prefixes", "The virtual subnet has no prefix; give it at least one, such as 10.0.0.0/24.");
        }

        for (var p = 0; p < texts.Count; p++)
        {
            ok &= Prefix(texts[p], $"prefixes[{p}]", out var prefix);
            prefixes.Add(prefix);
        }

        var gateways = ImmutableArray.CreateBuilder<IpAddress>();
        if (s.Gateways is null)
        {
            for (var p = 0; ok && p < prefixes.Count; p++)
            {
                var gateway = VirtualSubnet.DefaultGateway(prefixes[p]);
                ok = prefixes[p].Contains(gateway)
                    || Fail($"prefixes[{p}]", $"The prefix {prefixes[p]} has no first host to be the default gateway; give a shorter prefix or list gateways.");
                gateways.Add(gateway);
            }
        }
        else
        {
            for (var g = 0; g < s.Gateways.Count; g++)
            {
                ok &= Address(s.Gateways[g], $"gateways[{g}]", "gateway", out var gateway);
                gateways.Add(gateway);
            }
        }

        return ok ? new VirtualSubnet(vsid, rdid, s.Name, prefixes.ToImmutable(), gateways.ToImmutable()) : null;
    }

    public HostEntry? Read(HostDocument h) => Name(h.Name, "name", "host", out var name) ? new HostEntry(name, h.Description) : null;

    public ProviderAddress? Read(ProviderAddressDocument a)
    {
        var ok = Name(a.Host, "host", "host", out var host);
        ok &= Address(a.Pa, "pa", "PA", out var pa);
        if (a.PrefixLength is not { } length)
        {
            ok = Fail("prefixLength", "The prefix length is missing; expected a number such as 24.");
        }

        ushort? vlan = null;
        if (a.Vlan is { } number)
        {
            if (number is < 0 or > ProviderAddress.MaxVlan)
            {
                ok = Fail("vlan", $"The VLAN {number} is out of range; expected 0 to {ProviderAddress.MaxVlan} (IEEE 802.1Q reserves 4095).");
            }
            else
            {
                vlan = (ushort)number;
            }
        }

        return ok ? new ProviderAddress(host, pa, a.PrefixLength!.Value, vlan) : null;
    }

    public ProviderRoute? Read(ProviderRouteDocument r)
    {
        var ok = Name(r.Host, "host", "host", out var host);
        ok &= Prefix(r.Destination, "destination", out var destination);
        ok &= Address(r.NextHop, "nextHop", "next hop", out var nextHop);
        ok &= Metric(r.Metric, "metric", out var metric);
        return ok ? new ProviderRoute(host, destination, nextHop, metric) : null;
    }

    public NetworkInterface? Read(NetworkInterfaceDocument n)
    {
        var ok = Name(n.Name, "name", "network interface", out var name);
        ok &= Name(n.Host, "host", "host", out var host);
        ok &= Vsid(n.Vsid, "vsid", out var vsid);
        ok &= Mac(n.Mac, "mac", out var mac);
        var addresses = ImmutableArray.CreateBuilder<IpAddress>();
        var texts = n.Addresses ?? [];
        if (texts.Count == 0)
        {
            ok = Fail("addresses", "The network interface has no CA; give it at least one, such as 10.0.0.5.");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (Address(texts[i], $"addresses[{i}]", "CA", out var ca))
            {
                if (addresses.Contains(ca))
                {
                    ok = Fail($"addresses[{i}]", $"The CA {ca} is listed twice; list each CA once.");
                }

                addresses.Add(ca);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new NetworkInterface(name, host, vsid, mac, addresses.ToImmutable()) : null;
    }

    public LookupRecord? Read(LookupRecordDocument r)
    {
        var ok = Address(r.Ca, "ca", "CA", out var ca);
        ok &= Vsid(r.Vsid, "vsid", out var vsid);
        ok &= Mac(r.Mac, "mac", out var mac);
        ok &= Address(r.Pa, "pa", "PA", out var pa);
        ok &= Rule(r.Rule, "rule", out var rule);
        ok &= RecordType(r.Type, "type", out var type);
        return ok ? new LookupRecord(ca, vsid, mac, pa, rule, type) : null;
    }

    public CustomerRoute? Read(CustomerRouteDocument c)
    {
        var ok = Rdid(c.Rdid, "rdid", out var rdid);
        ok &= Vsid(c.Vsid, "vsid", out var vsid);
        ok &= Prefix(c.Destination, "destination", out var destination);
        IpAddress? nextHop = null;
        if (c.NextHop is not null && !c.NextHop.Equals("on-link", StringComparison.OrdinalIgnoreCase))
        {
            ok &= Address(c.NextHop, "nextHop", "next hop", out var address);
            nextHop = address;
        }

        ok &= Metric(c.Metric, "metric", out var metric);
        return ok ? new CustomerRoute(rdid, vsid, destination, nextHop, metric) : null;
    }
}
