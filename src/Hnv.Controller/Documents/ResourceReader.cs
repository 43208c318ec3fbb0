using System.Collections.Immutable;
using Hnv.Client.Gateway;
using Hnv.Client.Resources;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.Documents;

/// <summary>
/// Reads one request body or stored row (a wire document) into a typed item, adding a problem for every field that
/// is wrong, named as the body names it ("vsid", "addresses[1]") or under <paramref name="path"/> in a batch. Policy
/// items are read by <see cref="PolicyItemReader"/>, the reader the validator and the agent's watch use, so all three
/// accept the same; hosts and NICs, which only the controller has, are read here with its field rules. How an item
/// fits the rest of the policy is <see cref="PolicyRules"/>'s job when the change is applied. With
/// <paramref name="input"/> (a request, not a stored row) the free-text rules apply too: what was stored before they
/// existed still loads.
/// </summary>
internal sealed class ResourceReader(List<PolicyProblem> problems, string path = "", bool input = true)
{
    private readonly PolicyItemReader _item = new(problems, path);

    public RoutingDomain? Read(RoutingDomainDocument d) =>
        _item.Read(d) is { } domain && (!input || _item.Text(d.Name, "name", "routing domain name", PolicyItemReader.MaxDisplayNameLength)) ? domain : null;

    public VirtualSubnet? Read(VirtualSubnetDocument s) =>
        _item.Read(s) is { } subnet && (!input || _item.Text(s.Name, "name", "subnet name", PolicyItemReader.MaxDisplayNameLength)) ? subnet : null;

    public ProviderAddress? Read(ProviderAddressDocument a) => _item.Read(a);

    public ProviderRoute? Read(ProviderRouteDocument r) => _item.Read(r);

    public LookupRecord? Read(LookupRecordDocument r) => _item.Read(r) is { } record && OwnMac(record.Mac) ? record : null;

    public CustomerRoute? Read(CustomerRouteDocument c) => _item.Read(c);

    public HostEntry? Read(HostDocument h)
    {
        var ok = _item.Name(h.Name, "name", "host", out var name);
        ok &= !input || _item.Text(h.Description, "description", "host description", PolicyItemReader.MaxDescriptionLength);
        return ok ? new HostEntry(name, h.Description) : null;
    }

    /// <summary>A written MAC is not in the range the controller keeps for its gateway records (a stored row is not checked again).</summary>
    private bool OwnMac(MacAddress mac) =>
        !input || !GatewayRecords.IsReserved(mac)
        || _item.Fail("mac", $"The MAC {mac} lies in 02:68:6e:00:00:00/24, which the controller keeps for gateway records; choose another.");

    public GatewayEntry? Read(GatewayDocument g)
    {
        var ok = _item.Name(g.Name, "name", "gateway", out var name);
        ok &= !input || _item.Text(g.Description, "description", "gateway description", PolicyItemReader.MaxDescriptionLength);
        if (g.Priority is < -1_000_000 or > 1_000_000)
        {
            ok = _item.Fail("priority", $"The priority {g.Priority} is out of range; use -1000000 to 1000000 (higher wins, default 0).");
        }

        return ok ? new GatewayEntry(name, g.Priority ?? 0, g.Description) : null;
    }

    public GatewayDomainEntry? Read(GatewayDomainDocument d)
    {
        var ok = _item.Name(d.Gateway, "gateway", "gateway", out var gateway);
        var domain = GatewayDomainReader.Read(d.ToConfig(), path, problems);
        return ok && domain is not null ? new GatewayDomainEntry(gateway, domain) : null;
    }

    public GatewayHealth? Read(GatewayHealthDocument h) => _item.Name(h.Gateway, "gateway", "gateway", out var gateway) ? new GatewayHealth(gateway, h.Alive) : null;

    public NetworkInterface? Read(NetworkInterfaceDocument n)
    {
        var ok = _item.Name(n.Name, "name", "network interface", out var name);
        ok &= _item.Name(n.Host, "host", "host", out var host);
        ok &= _item.Vsid(n.Vsid, "vsid", out var vsid);
        ok &= _item.UnicastMac(n.Mac, "mac", out var mac);
        var addresses = ImmutableArray.CreateBuilder<IpAddress>();
        var texts = n.Addresses ?? [];
        if (texts.Count == 0)
        {
            ok = _item.Fail("addresses", "The network interface has no CA; give it at least one, such as 10.0.0.5.");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (!_item.Address(texts[i], $"addresses[{i}]", "CA", out var ca))
            {
                ok = false;
            }
            else if (addresses.Contains(ca))
            {
                ok = _item.Fail($"addresses[{i}]", $"The CA {ca} is listed twice; list each CA once.");
            }
            else
            {
                addresses.Add(ca);
            }
        }

        return ok && OwnMac(mac) ? new NetworkInterface(name, host, vsid, mac, addresses.ToImmutable()) : null;
    }
}
