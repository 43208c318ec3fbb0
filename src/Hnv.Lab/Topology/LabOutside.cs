namespace Hnv.Lab.Topology;

/// <summary>
/// The outside network of a lab with gateways: a namespace (<c>&lt;lab&gt;-out</c>) playing the internet on
/// 203.0.113.0/24 (TEST-NET-3): a router at .1 (the gateways' default route; FRR, AS <see cref="RouterAsn"/>, learning
/// forward domains' prefixes from the gateways over BGP), a DNS server at .53 (dnsmasq) that knows <see cref="WebName"/>,
/// and an HTTP server at .80 serving <see cref="Page"/>. Gateway number i links to it with 203.0.113.(2+i), leaves
/// from 203.0.113.(100+i) and speaks BGP as AS 65001+i.
/// </summary>
public static class LabOutside
{
    /// <summary>The namespace's suffix.</summary>
    public const string Suffix = "out";

    /// <summary>The bridge inside the outside namespace that every gateway's link joins.</summary>
    public const string Bridge = "out0";

    /// <summary>The network's prefix length.</summary>
    public const int PrefixLength = 24;

    public const string Router = "203.0.113.1";

    public const string Dns = "203.0.113.53";

    public const string Web = "203.0.113.80";

    /// <summary>The name the DNS server answers with <see cref="Web"/>.</summary>
    public const string WebName = "www.example";

    /// <summary>What the HTTP server serves at /.</summary>
    public const string Page = "hnv lab: hello from the outside\n";

    /// <summary>The most gateways a lab has (their addresses must stay below .100 and .200).</summary>
    public const int MaxGateways = 50;

    /// <summary>The outside router's AS number.</summary>
    public const uint RouterAsn = 65000;

    /// <summary>Gateway <paramref name="index"/>'s AS number.</summary>
    public static uint GatewayAsn(int index) => 65001 + (uint)index;

    /// <summary>The outside router's FRR configuration: it takes routes from any gateway on the outside network.</summary>
    public const string RouterConfig = """
        frr defaults datacenter
        hostname outside
        router bgp 65000
         bgp router-id 203.0.113.1
         no bgp ebgp-requires-policy
         neighbor gateways peer-group
         neighbor gateways remote-as external
         bgp listen range 203.0.113.0/24 peer-group gateways
        exit

        """;

    /// <summary>ext0's address of gateway <paramref name="index"/>.</summary>
    public static string LinkAddress(int index) => $"203.0.113.{2 + index}";

    /// <summary>The address gateway <paramref name="index"/>'s nat domains leave from.</summary>
    public static string ExternalAddress(int index) => $"203.0.113.{100 + index}";
}
