using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// A lab with one gateway for three tenants: blue and red use the same 10.0.0.0/24 (nat, both behind 203.0.113.100;
/// blue's b2 is reachable on port 8080), green's 10.9.0.0/24 is routable outside (forward). The outside network has the
/// DNS server (203.0.113.53, knows www.example) and the web server (203.0.113.80).
/// </summary>
public sealed class GatewayLabFixture() : LabFixture("eg", """
    underlay: { mtu: 1500, family: ipv4 }
    hosts: [host1, host2]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24] }
      - name: red
        subnets:
          - { vsid: 6001, prefixes: [10.0.0.0/24] }
      - name: green
        subnets:
          - { vsid: 7001, prefixes: [10.9.0.0/24] }
    vms:
      - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }
      - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11] }
      - { name: r1, host: host2, subnet: 6001, addresses: [10.0.0.10] }
      - { name: g1, host: host1, subnet: 7001, addresses: [10.9.0.10] }
    gateways:
      - name: gw1
        domains:
          - { routingDomain: blue, forwards: [{ protocol: tcp, port: 8080, to: b2, toPort: 80 }] }
          - { routingDomain: red }
          - { routingDomain: green, mode: forward }
    """)
{
    /// <summary>Runs a command in the outside network's namespace.</summary>
    public ToolResult Outside(params string[] command) =>
        Tool.Run(TimeSpan.FromSeconds(30), ["ip", "netns", "exec", LabNames.Prefixed(Name, LabOutside.Suffix), .. command]);

    /// <summary>Runs a command in the gateway's namespace.</summary>
    public ToolResult Gateway(params string[] command) =>
        Tool.Run(TimeSpan.FromSeconds(30), ["ip", "netns", "exec", LabNames.Prefixed(Name, "gw1"), .. command]);

    /// <summary>GETs a path of gw1's local API.</summary>
    public System.Text.Json.JsonElement GatewayApi(string path) => AgentApi("gw1", path);

    /// <summary>
    /// The address a domain's connections leave its context as: the context's end of its transit /31 (the gateway numbers
    /// contexts as the controller lists its domains, so the lab cannot know it in advance).
    /// </summary>
    public string ContextTransit(string domain)
    {
        var transit = GatewayApi("/v1/status").GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("name").GetString() == domain)
            .GetProperty("transit").GetString()!;
        return Wire.Addressing.IpAddress.Parse(transit.Split('/')[0]).Add(1).ToString();
    }

    /// <summary>The folder the outside web server serves.</summary>
    public string WebFolder => LabPaths.For(Name).OutsideWeb;

    /// <summary>The outside web server's log (one line per request, with the client's address).</summary>
    public string WebLog => File.ReadAllText(LabPaths.For(Name).OutsideLog("web"));
}

[CollectionDefinition(Name)]
public sealed class GatewayLab : ICollectionFixture<GatewayLabFixture>
{
    public const string Name = "gateway lab";
}
