namespace Hnv.EndToEnd.Tests;

/// <summary>One host with blue's b1, and two gateways for blue: gw1 (priority 10, active while alive) and gw2.</summary>
public sealed class FailoverLabFixture() : LabFixture("ef", """
    underlay: { mtu: 1500, family: ipv4 }
    hosts: [host1]
    routingDomains:
      - name: blue
        subnets:
          - { vsid: 5001, prefixes: [10.0.0.0/24] }
    vms:
      - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }
    gateways:
      - { name: gw1, priority: 10, domains: [{ routingDomain: blue }] }
      - { name: gw2, domains: [{ routingDomain: blue }] }
    """)
{
    /// <summary>The outside web server's log line of the request whose query is <paramref name="query"/>.</summary>
    public string WebLogLine(string query) =>
        File.ReadAllLines(Lab.State.LabPaths.For(Name).OutsideLog("web")).LastOrDefault(l => l.Contains(query, StringComparison.Ordinal)) ?? "(no such request)";
}
