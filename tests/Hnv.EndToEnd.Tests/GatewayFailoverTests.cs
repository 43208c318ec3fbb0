using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Failover between two gateways (issue 14): gw1 (priority 10) and gw2 both serve blue; b1 pings the outside every
/// 10 ms while gw1 is killed with SIGKILL. The controller sees gw1's watch stream close, moves blue's GatewayWildcard
/// record to gw2, host1's agent forwards to gw2, and gw2's context (ready all along) takes the traffic from its own
/// external address.
/// </summary>
[Trait("tier", "end-to-end")]
public sealed partial class GatewayFailoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly FailoverLabFixture _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public void ActiveGatewayKilled_PingsResumeAndNewConnectionsWorkThroughTheStandby()
    {
        WaitForActive("gw1", bothAlive: true);
        Assert.Equal(0, _lab.Exec("b1", "curl", "-s", "-m", "3", "-o", "/dev/null", "http://203.0.113.80/?before").ExitCode);

        var bgpd = Lab.State.LabPaths.For(_lab.Name).GatewayFrr("gw1"); // in gw1's bgpd's command line
        Assert.True(Tool.Run(TimeSpan.FromSeconds(5), "pgrep", "-f", bgpd).ExitCode == 0, "gw1's bgpd is not running");
        using var ping = _lab.Start("b1", "ping", "-D", "-i", "0.01", "-W", "1", "-w", "6", "203.0.113.80");
        Thread.Sleep(1500);
        var killed = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        _lab.KillGateway("gw1");

        // New connections, one after another (a fresh TCP handshake and HTTP request each, given 200 ms): when did the
        // first one that succeeded start?
        TimeSpan? connected = null;
        while (connected is null && killed.Elapsed < TimeSpan.FromSeconds(10))
        {
            var started = killed.Elapsed;
            if (_lab.Exec("b1", "curl", "-s", "-m", "0.2", "-o", "/dev/null", "http://203.0.113.80/?after").ExitCode == 0)
            {
                connected = started;
            }
        }

        Assert.True(ping.WaitForExit(TimeSpan.FromSeconds(20)), "ping did not end");
        var gap = LongestGap(ping.StandardOutput.ReadToEnd(), killedAt);
        output.WriteLine($"pings every 10 ms: longest gap {gap.TotalMilliseconds:0} ms around the kill; the first new connection that worked started {connected?.TotalMilliseconds:0} ms after it");

        Assert.NotNull(connected);
        Assert.True(connected < TimeSpan.FromSeconds(3), $"a new connection took {connected?.TotalMilliseconds:0} ms"); // the goal is 1 s; generous on a busy machine
        Assert.True(gap < TimeSpan.FromSeconds(3), $"pings stopped for {gap.TotalMilliseconds:0} ms");
        WaitForActive("gw2", bothAlive: false);
        // Killed with it: a dead gateway's bgpd must not go on announcing toward a context nobody forwards for.
        Assert.True(Tool.Run(TimeSpan.FromSeconds(5), "pgrep", "-f", bgpd).ExitCode != 0, "gw1's bgpd outlived it");
        Assert.Contains("203.0.113.101 - -", _lab.WebLogLine("?after"), StringComparison.Ordinal); // leaves from gw2's own address now
    }

    /// <summary>Waits until `hnv gateway list` shows <paramref name="gateway"/> active for blue (and both gateways alive).</summary>
    private void WaitForActive(string gateway, bool bothAlive)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (exit, text, error) = _lab.Manage("gateway", "list", "-o", "json");
            Assert.True(exit == 0, error);
            using var list = JsonDocument.Parse(text);
            var gateways = list.RootElement.EnumerateArray().ToList();
            var active = gateways.Where(g => g.GetProperty("domains").EnumerateArray().Any(d => d.GetProperty("active").GetBoolean()))
                .Select(g => g.GetProperty("name").GetString()).ToList();
            var alive = gateways.Count(g => g.GetProperty("alive").GetBoolean());
            if (active.SequenceEqual([gateway]) && (!bothAlive || alive == 2))
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{gateway} never became the active gateway: {text}");
            Thread.Sleep(100);
        }
    }

    /// <summary>The longest time between two answered pings (ping -D prints each reply's time), from a second before the kill on; answers must resume.</summary>
    private static TimeSpan LongestGap(string pings, DateTimeOffset killedAt)
    {
        var times = Reply().Matches(pings)
            .Select(m => DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000)))
            .Where(t => t > killedAt.AddSeconds(-1))
            .ToList();
        // Pings run 6 s, the kill comes 1.5 s in: answers must go on well after it, or failover failed.
        Assert.True(times.Count > 10 && times[^1] > killedAt.AddSeconds(2), $"pings were not answered after the kill:\n{pings}");
        return times.Zip(times.Skip(1), (a, b) => b - a).Max();
    }

    [GeneratedRegex(@"^\[(\d+\.\d+)\] \d+ bytes from", RegexOptions.Multiline)]
    private static partial Regex Reply();
}
