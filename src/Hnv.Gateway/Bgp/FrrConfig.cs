using System.Globalization;
using System.Text;
using Hnv.Gateway.Configuration;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Bgp;

/// <summary>
/// The whole configuration of the gateway's bgpd, rendered from its settings and the prefixes to announce (its
/// forward domains' IPv4 prefixes, never a nat domain's). bgpd runs without zebra: it announces and installs nothing
/// (the gateway's routes toward its contexts are its own), hence no import check on the networks.
/// </summary>
public static class FrrConfig
{
    /// <summary>The configuration text.</summary>
    public static string Render(BgpSettings bgp, string name, IEnumerable<IpPrefix> prefixes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            ! Written by hnv-gateway; every change is rendered whole, checked (vtysh -C) and applied with frr-reload.
            frr defaults datacenter
            hostname {name}
            log file {Path.Combine(bgp.Directory, "bgpd.log")} informational
            router bgp {bgp.Asn}
             bgp router-id {bgp.RouterId}
             no bgp ebgp-requires-policy
             no bgp network import-check

            """);
        foreach (var neighbor in bgp.Neighbors)
        {
            text.Append(CultureInfo.InvariantCulture, $" neighbor {neighbor.Address} remote-as {neighbor.Asn}\n");
        }

        text.Append(" address-family ipv4 unicast\n");
        foreach (var prefix in prefixes.Where(p => !p.IsV6).Order(Comparer<IpPrefix>.Create((a, b) => a.Address.Value != b.Address.Value ? a.Address.Value.CompareTo(b.Address.Value) : a.Length.CompareTo(b.Length))))
        {
            text.Append(CultureInfo.InvariantCulture, $"  network {prefix}\n");
        }

        text.Append(" exit-address-family\nexit\n");
        return text.ToString();
    }
}
