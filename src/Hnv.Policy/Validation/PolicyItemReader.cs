using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Validation;

/// <summary>
/// The one reader from a policy item's document to the model, for the validator (items of a policy file), the
/// controller (a request body or stored row) and the agent's watch (an item of a change event), so all three accept
/// and refuse the same. Each wrong field adds a problem named by <paramref name="path"/> and the field
/// ("virtualSubnets[2].vsid", or "vsid" for a body). A null result means the item did not read (a field is not a
/// GUID, address, prefix ...); an item that reads but breaks a rule of its own (no name, the empty GUID, a group MAC,
/// a negative metric) is returned with its problem added, so the validator can still check what refers to it without
/// a cascade of follow-on errors. Callers refuse the item when any problem was added. How the item fits the rest of
/// the policy is <see cref="PolicyRules"/>'s check.
/// </summary>
public sealed partial class PolicyItemReader(List<PolicyProblem> problems, string path = "")
{
    /// <summary>The longest name of a host, NIC or token: they appear in paths and log lines.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest display name (of a routing domain or subnet): free text, but one table cell.</summary>
    public const int MaxDisplayNameLength = 128;

    /// <summary>The longest description (of a host).</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>A reader for the item at <paramref name="itemPath"/>, adding to the same problems.</summary>
    public PolicyItemReader At(string itemPath) => new(problems, Field(itemPath));

    public RoutingDomain? Read(RoutingDomainDocument? d)
    {
        if (d is null)
        {
            NullEntry("routing domain", "rdid and name");
            return null;
        }

        if (!ItemRdid(d.Rdid, "rdid", out var rdid))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(d.Name))
        {
            Fail("name", $"The routing domain {rdid} has no name; give it a name operators will recognise.");
        }

        return new RoutingDomain(rdid, d.Name ?? string.Empty);
    }

    public VirtualSubnet? Read(VirtualSubnetDocument? s)
    {
        if (s is null)
        {
            NullEntry("virtual subnet", "vsid, rdid and prefixes");
            return null;
        }

        var ok = Vsid(s.Vsid, "vsid", out var vsid);
        ok &= ItemRdid(s.Rdid, "rdid", out var rdid);
        if (s.HasBothRouterNames)
        {
            ok = Fail("defaultRouters", "Both defaultRouters and gateways (its old name) are given; give defaultRouters only.");
        }

        var prefixes = ImmutableArray.CreateBuilder<IpPrefix>();
        var texts = s.Prefixes ?? [];
        if (texts.Count == 0)
        {
            Fail("prefixes", ok ? $"The virtual subnet {vsid} has no prefix; give it at least one, such as 10.0.0.0/24." : "The virtual subnet has no prefix; give it at least one, such as 10.0.0.0/24.");
        }

        for (var p = 0; p < texts.Count; p++)
        {
            ok &= Prefix(texts[p], $"prefixes[{p}]", out var prefix);
            prefixes.Add(prefix);
        }

        var routers = ImmutableArray.CreateBuilder<IpAddress>();
        if (s.DefaultRouters is null)
        {
            for (var p = 0; ok && p < prefixes.Count; p++)
            {
                var router = VirtualSubnet.DefaultRouter(prefixes[p]);
                ok = prefixes[p].Contains(router)
                    || Fail($"prefixes[{p}]", $"The prefix {prefixes[p]} has no first host to be the default router; give a shorter prefix or list defaultRouters.");
                routers.Add(router);
            }
        }
        else
        {
            for (var g = 0; g < s.DefaultRouters.Count; g++)
            {
                ok &= Address(s.DefaultRouters[g], $"defaultRouters[{g}]", "default router", out var router);
                routers.Add(router);
            }
        }

        return ok ? new VirtualSubnet(vsid, rdid, s.Name, prefixes.ToImmutable(), routers.ToImmutable()) : null;
    }

    public LookupRecord? Read(LookupRecordDocument? r)
    {
        if (r is null)
        {
            NullEntry("lookup record", "ca, vsid, mac and pa");
            return null;
        }

        var ok = Address(r.Ca, "ca", "CA", out var ca);
        ok &= Vsid(r.Vsid, "vsid", out var vsid);
        if (ParseMac(r.Mac, "mac", out var mac))
        {
            Unicast(mac, "mac");
        }
        else
        {
            ok = false;
        }

        ok &= Address(r.Pa, "pa", "PA", out var pa);
        ok &= ParseRule(r.Rule, "rule", out var rule);
        ok &= ParseRecordType(r.Type, "type", out var type);
        return ok ? new LookupRecord(ca, vsid, mac, pa, rule, type) : null;
    }

    public CustomerRoute? Read(CustomerRouteDocument? c)
    {
        if (c is null)
        {
            NullEntry("customer route", "rdid, vsid and destination");
            return null;
        }

        var ok = ItemRdid(c.Rdid, "rdid", out var rdid);
        ok &= Vsid(c.Vsid, "vsid", out var vsid);
        ok &= Prefix(c.Destination, "destination", out var destination);
        IpAddress? nextHop = null;
        if (c.NextHop is not null && !c.NextHop.Equals("on-link", StringComparison.OrdinalIgnoreCase))
        {
            ok &= Address(c.NextHop, "nextHop", "next hop", out var address);
            nextHop = address;
        }

        Metric(c.Metric, "metric", out var metric);
        return ok ? new CustomerRoute(rdid, vsid, destination, nextHop, metric) : null;
    }

    public ProviderAddress? Read(ProviderAddressDocument? a)
    {
        if (a is null)
        {
            NullEntry("provider address", "host, pa and prefixLength");
            return null;
        }

        Name(a.Host, "host", "host", out var host);
        var ok = Address(a.Pa, "pa", "PA", out var pa);
        ok &= ParseRequired(a.PrefixLength, "prefixLength", "prefix length", out var length);
        ushort? vlan = null;
        if (a.Vlan is { } number)
        {
            if (number is < 0 or > ushort.MaxValue)
            {
                ok = Fail("vlan", $"The VLAN {number} is out of range; expected 0 to {ProviderAddress.MaxVlan} (IEEE 802.1Q reserves 4095).");
            }
            else
            {
                vlan = (ushort)number;
                _ = number <= ProviderAddress.MaxVlan
                    || Fail("vlan", $"The VLAN {number} is out of range; expected 0 to {ProviderAddress.MaxVlan} (IEEE 802.1Q reserves 4095).");
            }
        }

        return ok ? new ProviderAddress(host, pa, length, vlan) : null;
    }

    public ProviderRoute? Read(ProviderRouteDocument? r)
    {
        if (r is null)
        {
            NullEntry("provider route", "host, destination and nextHop");
            return null;
        }

        Name(r.Host, "host", "host", out var host);
        var ok = Prefix(r.Destination, "destination", out var destination);
        ok &= Address(r.NextHop, "nextHop", "next hop", out var nextHop);
        Metric(r.Metric, "metric", out var metric);
        return ok ? new ProviderRoute(host, destination, nextHop, metric) : null;
    }

    /// <summary>A name of a host, NIC or token: 1 to <see cref="MaxNameLength"/> ASCII letters, digits, '.', '_' or '-', and not "." or "..".</summary>
    public bool Name(string? text, string field, string what, out string name)
    {
        name = text ?? string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return Fail(field, $"The {what} name is empty; expected {NameRule}.");
        }

        if (!IsName(text))
        {
            return Fail(field, $"'{Printable(text)}' is not a {what} name; expected {NameRule}.");
        }

        return true;
    }

    /// <summary>
    /// Free text shown to operators (a display name, a description): absent, or at most <paramref name="max"/>
    /// characters with no control or format characters (terminal escapes, bidi marks that reorder what is shown).
    /// The controller applies it to what it accepts, not to what it already stores or sends.
    /// </summary>
    public bool Text(string? text, string field, string what, int max)
    {
        if (text is null)
        {
            return true;
        }

        if (text.Length > max)
        {
            return Fail(field, $"The {what} has {text.Length} characters; expected at most {max}.");
        }

        foreach (var c in text)
        {
            if (IsHidden(c))
            {
                return Fail(field, $"The {what} '{Printable(text)}' holds the control or format character \\u{(int)c:x4}; use printable text.");
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> keeps the name rule (<see cref="Name"/>).</summary>
    public static bool IsName([NotNullWhen(true)] string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxNameLength && text is not ("." or "..")
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Adds a problem at <paramref name="field"/> of this item; always false.</summary>
    public bool Fail(string field, string message)
    {
        problems.Add(new PolicyProblem(Field(field), message));
        return false;
    }

    private const string NameRule = "1 to 64 letters, digits, '.', '_' or '-' (not \".\" or \"..\")";
}
