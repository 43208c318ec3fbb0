using System.Globalization;
using System.Text.RegularExpressions;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// The agents' and the gateway's Prometheus metrics (issue 15), scraped as Prometheus would, from each node's own
/// namespace: they move with real traffic.
/// </summary>
[Collection(GatewayLab.Name)]
[Trait("tier", "end-to-end")]
public sealed partial class MetricsTests(GatewayLabFixture lab)
{
    [Fact]
    public void AgentMetrics_MoveWithTraffic_PerVsidAndPerPort()
    {
        var before = Scrape("host1");

        Assert.Equal(0, lab.Exec("b1", "ping", "-c", "3", "-i", "0.2", "-W", "1", "10.0.0.11").ExitCode); // b1 on host1 to b2 on host2

        var after = Scrape("host1");
        Assert.True(Value(after, "hnv_vsid_packets_total", "vsid=\"5001\",action=\"encapsulated\"") >= Value(before, "hnv_vsid_packets_total", "vsid=\"5001\",action=\"encapsulated\"") + 3,
            after);
        Assert.True(Value(after, "hnv_vsid_packets_total", "vsid=\"5001\",action=\"decapsulated\"") >= Value(before, "hnv_vsid_packets_total", "vsid=\"5001\",action=\"decapsulated\"") + 3);
        Assert.True(Value(after, "hnv_port_packets_total", "port=\"b1\",direction=\"rx\"") >= Value(before, "hnv_port_packets_total", "port=\"b1\",direction=\"rx\"") + 3);
        Assert.Contains("# TYPE hnv_drop_count_total counter", after, StringComparison.Ordinal);
        Assert.Equal(2, Value(after, "hnv_ports", "")); // b1 and g1
        Assert.True(Value(after, "hnv_policy_revision", "") > 0);
    }

    [Fact]
    public void GatewayMetrics_CountItsOutsidePortsTraffic()
    {
        var before = Scrape("gw1");

        Assert.Equal(0, lab.Exec("r1", "curl", "-s", "-m", "5", "-o", "/dev/null", "http://203.0.113.80/").ExitCode);

        var after = Scrape("gw1");
        Assert.Equal(3, Value(after, "hnv_ports", "")); // one outside port per domain it serves
        Assert.True(Value(after, "hnv_vsid_packets_total", "vsid=\"6001\",action=\"decapsulated\"") > Value(before, "hnv_vsid_packets_total", "vsid=\"6001\",action=\"decapsulated\""), after);
    }

    private string Scrape(string node)
    {
        var scraped = Tool.Run(TimeSpan.FromSeconds(10), "ip", "netns", "exec", Lab.Topology.LabNames.Prefixed(lab.Name, node), "curl", "-s", "-f", "http://127.0.0.1:9464/metrics");
        Assert.True(scraped.ExitCode == 0, $"{node}'s metrics: {scraped}");
        return scraped.Output;
    }

    /// <summary>The sample of <paramref name="name"/> with exactly <paramref name="labels"/> (0 when absent: a counter not yet counted).</summary>
    private static double Value(string metrics, string name, string labels)
    {
        var sample = labels.Length == 0 ? $"{name} " : $"{name}{{{labels}}} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(sample, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(Number().Match(line[sample.Length..]).Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[0-9.eE+-]+")]
    private static partial Regex Number();
}
