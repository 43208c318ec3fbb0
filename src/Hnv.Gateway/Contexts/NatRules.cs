using System.Globalization;
using System.Text;
using Hnv.Client.Gateway;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// The nftables rules the gateway writes (docs/decisions/0007-gateway-kernel-contexts.md). NAT is two steps, each in
/// its own conntrack: a nat domain's context translates its CAs to its transit address (so overlapping CAs of two
/// domains become distinct addresses), and the gateway's namespace translates transit addresses to external ones.
/// Port forwards go the same two steps backwards. The gateway's filter is closed by default (<see cref="Gateway"/>).
/// </summary>
public static class NatRules
{
    /// <summary>The table in each context.</summary>
    public const string ContextTable = "hnv_context";

    /// <summary>The table in the gateway's own namespace.</summary>
    public const string GatewayTable = "hnv_gateway";

    /// <summary>The body of <see cref="ContextTable"/> for <paramref name="domain"/> (empty for a forward domain).</summary>
    public static string Context(GatewayDomain domain, ContextLayout layout)
    {
        if (domain.Mode != GatewayMode.Nat)
        {
            return "";
        }

        var rules = new StringBuilder();
        rules.Append(CultureInfo.InvariantCulture, $"  chain prerouting {{\n    type nat hook prerouting priority dstnat; policy accept;\n");
        foreach (var forward in domain.Forwards)
        {
            rules.Append(CultureInfo.InvariantCulture,
                $"    iifname \"{ContextLayout.TransitLinkName}\" ip daddr {layout.ContextTransit} {forward.Protocol} dport {forward.Port} dnat to {forward.To}:{forward.ToPort}\n");
        }

        rules.Append("  }\n");
        rules.Append(CultureInfo.InvariantCulture,
            $"  chain postrouting {{\n    type nat hook postrouting priority srcnat; policy accept;\n    oifname \"{ContextLayout.TransitLinkName}\" snat to {layout.ContextTransit}\n  }}\n");
        return rules.ToString();
    }

    /// <summary>
    /// The body of <see cref="GatewayTable"/> for every context, with <paramref name="external"/> the external interface.
    /// Closed by default: the gateway forwards nothing but a context's traffic with the outside (out; back in when
    /// established, port-forwarded or to a forward domain), so the outside never reaches the underlay or another
    /// context, and no context reaches the gateway's own services.
    /// </summary>
    public static string Gateway(string external, IReadOnlyList<(GatewayDomain Domain, ContextLayout Layout)> contexts)
    {
        var filter = new StringBuilder();
        filter.Append("  chain forward {\n    type filter hook forward priority filter; policy drop;\n");
        filter.Append(CultureInfo.InvariantCulture, $"    iifname \"hx*\" oifname \"{external}\" accept\n");
        filter.Append(CultureInfo.InvariantCulture, $"    iifname \"{external}\" oifname \"hx*\" ct state established,related accept\n");
        filter.Append(CultureInfo.InvariantCulture, $"    iifname \"{external}\" oifname \"hx*\" ct status dnat accept\n");
        var forwardLinks = contexts.Where(c => c.Domain.Mode == GatewayMode.Forward).Select(c => $"\"{c.Layout.TransitLink}\"").ToList();
        if (forwardLinks.Count > 0)
        {
            filter.Append(CultureInfo.InvariantCulture, $"    iifname \"{external}\" oifname {{ {string.Join(", ", forwardLinks)} }} accept\n");
        }

        filter.Append("    counter drop comment \"not a context's traffic with the outside\"\n  }\n");
        filter.Append("  chain input {\n    type filter hook input priority filter; policy accept;\n");
        filter.Append("    iifname \"hx*\" counter drop comment \"a context at the gateway's own addresses\"\n  }\n");

        var prerouting = new StringBuilder("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        var postrouting = new StringBuilder("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        foreach (var (domain, layout) in contexts.Where(c => c.Domain.Mode == GatewayMode.Nat))
        {
            var addresses = domain.ExternalAddresses;
            var to = addresses.Length == 1
                ? addresses[0].ToString()
                : $"numgen inc mod {addresses.Length} map {{ {string.Join(", ", addresses.Select((a, i) => $"{i} : {a}"))} }}";
            postrouting.Append(CultureInfo.InvariantCulture, $"    oifname \"{external}\" ip saddr {layout.ContextTransit} snat to {to}\n");
            foreach (var forward in domain.Forwards)
            {
                prerouting.Append(CultureInfo.InvariantCulture,
                    $"    iifname \"{external}\" ip daddr {addresses[0]} {forward.Protocol} dport {forward.Port} dnat to {layout.ContextTransit}\n");
            }
        }

        prerouting.Append("  }\n");
        postrouting.Append("  }\n");
        return filter.Append(prerouting).Append(postrouting).ToString();
    }
}
