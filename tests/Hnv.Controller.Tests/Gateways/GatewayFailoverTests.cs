using System.Diagnostics;
using Hnv.Client;
using Hnv.Client.Status;
using Hnv.Client.Watch;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;
using Xunit.Abstractions;

namespace Hnv.Controller.Tests.Gateways;

/// <summary>
/// Failover as the controller decides it (issue 14): gw1 (priority 10) and gw2 both serve blue; the gateways watch
/// with their own credentials as hnv-gateway does, and h1 (blue's vm1) watches as its agent does. The domain's records
/// follow the alive gateway with the highest priority: at once when a stream ends, after the liveness timeout when a
/// gateway goes silent.
/// </summary>
[Trait("tier", "service")]
public sealed class GatewayFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Vsid BlueSubnet = new(5001);
    private ControllerServer _server = null!;
    private HnvClient _admin = null!;
    private readonly List<IAsyncDisposable> _open = [];

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        _server = await ControllerServer.StartAsync(
            ["--bootstrap-token-file", Path.Combine(folder, "bootstrap.token"), "--listen", "http://127.0.0.1:0", "--database", Path.Combine(folder, "controller.db"),
             "--heartbeat-seconds", "0.2", "--gateway-timeout-seconds", "1"], folder);
        _admin = _server.Client();
        await Sample.WorldAsync(_admin);
        await Sample.NicAsync(_admin, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await _admin.CreateGatewayAsync(Gateways.Gateway("gw1", "192.0.2.100", priority: 10));
        await _admin.CreateGatewayAsync(Gateways.Gateway("gw2", "192.0.2.101"));
        await _admin.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));
        await _admin.CreateGatewayDomainAsync("gw2", Gateways.Nat(Sample.Blue, "203.0.113.101"));
    }

    public async Task DisposeAsync()
    {
        foreach (var open in _open)
        {
            await open.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GatewayWatch_CarriesItsDomains_WholeAfterEachChange()
    {
        var gw2 = await WatchAsAsync("gw2");

        var snapshot = await gw2.NextAsync();

        Assert.Equal(WatchEventKinds.Snapshot, snapshot.Kind);
        var served = Assert.Single(snapshot.Gateway!.Domains);
        Assert.Equal((Sample.Blue, "nat", "203.0.113.101"), (served.RoutingDomain, served.Mode, served.ExternalAddresses.Single()));
        // Whether active or standby, a gateway holds its domains whole, ready to take over.
        Assert.True(gw2.Snapshot.TryGetRoutingDomain(Policy.Model.Rdid.Parse(Sample.Blue), out _));

        await _admin.AddGatewayForwardAsync("gw2", Sample.Blue, new Client.Gateway.PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.11", ToPort = 80 });

        var change = await gw2.NextChangeAsync();
        while (change.Gateway is null) // gw2's own watch made it alive, and so active: that change comes first
        {
            Assert.Equal(IpAddress.Parse("192.0.2.101"), Wildcard(gw2));
            change = await gw2.NextChangeAsync();
        }

        Assert.Equal(8080, Assert.Single(Assert.Single(change.Gateway.Domains).Forwards).Port);
    }

    [Fact]
    public async Task ActiveStreamEnds_RecordsMoveToTheStandbyAtOnce_AndBackWhenItReturns()
    {
        var host = await WatchAsAsync("h1");
        using var reporting = new CancellationTokenSource();
        var reports = Task.WhenAll(ReportAsync("gw1", reporting.Token), ReportAsync("gw2", reporting.Token));
        var gw1 = await WatchAsAsync("gw1");
        await WatchAsAsync("gw2");
        await WaitAsync(async () => (await _admin.GetGatewayAsync("gw1")).Alive == true && (await _admin.GetGatewayAsync("gw2")).Alive == true);
        await FollowAsync(host, "192.0.2.100");

        var clock = Stopwatch.StartNew();
        _open.Remove(gw1);
        await gw1.DisposeAsync(); // its connection closes, as a killed gateway's does

        await FollowAsync(host, "192.0.2.101");
        output.WriteLine($"h1 forwards to gw2 {clock.ElapsedMilliseconds} ms after gw1's stream closed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.ElapsedMilliseconds} ms"); // no timeout waited for
        Assert.False((await _admin.GetGatewayAsync("gw1")).Alive);

        await WatchAsAsync("gw1");
        await FollowAsync(host, "192.0.2.100"); // the higher priority takes its domains back
        await reporting.CancelAsync();
        await reports;
    }

    [Fact]
    public async Task SilentGateway_CountsDeadAfterTheTimeout_AReportingOneStaysAlive()
    {
        var host = await WatchAsAsync("h1");
        await WatchAsAsync("gw1"); // watches, never reports: a gateway whose host froze
        await WatchAsAsync("gw2");
        using var reporting = new CancellationTokenSource();
        var reports = ReportAsync("gw2", reporting.Token);
        await FollowAsync(host, "192.0.2.100");
        var clock = Stopwatch.StartNew();

        await FollowAsync(host, "192.0.2.101", seconds: 10);

        output.WriteLine($"gw1 counted dead {clock.ElapsedMilliseconds} ms after it last came alive (timeout 1 s)");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // more than twice the timeout
        Assert.True((await _admin.GetGatewayAsync("gw2")).Alive);
        Assert.False((await _admin.GetGatewayAsync("gw1")).Alive);
        await reporting.CancelAsync();
        await reports;
    }

    private async Task<Watcher> WatchAsAsync(string node)
    {
        var token = (await _admin.CreateHostCredentialAsync(node)).Secret!;
        var watcher = new Watcher(_server.Client(token), node);
        _open.Add(watcher);
        return watcher;
    }

    /// <summary>Applies the host's events until its blue subnet's GatewayWildcard names <paramref name="pa"/>.</summary>
    private static async Task FollowAsync(Watcher watcher, string pa, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Wildcard(watcher) != IpAddress.Parse(pa))
        {
            await watcher.NextAsync(Math.Max(0.01, (deadline - DateTime.UtcNow).TotalSeconds));
        }
    }

    private static IpAddress? Wildcard(Watcher watcher) =>
        watcher.Snapshot.TryGetSubnet(BlueSubnet, out var subnet) && subnet.TryGetGatewayWildcard(false, out var record) ? record.Pa : null;

    /// <summary>Reports for <paramref name="node"/> every 200 ms, as hnv-gateway does every 500 ms, until cancelled.</summary>
    private async Task ReportAsync(string node, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _admin.ReportHostStatusAsync(node, new HostStatusReport { Revision = _server.Engine.Current.Revision, Ports = 1 }, ct);
                await Task.Delay(200, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
