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
/// with their own credentials as hnv-gateway does (and report as it does, with the ports they have up), and h1 (blue's
/// vm1) watches as its agent does. The domain's records follow the alive gateway with the highest priority: at once
/// when a stream ends, after the liveness timeout when a gateway goes silent, and back only once it is ready again.
/// </summary>
[Trait("tier", "service")]
public sealed class GatewayFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Vsid BlueSubnet = new(5001);
    private ControllerServer _server = null!;
    private HnvClient _admin = null!;
    private readonly List<IAsyncDisposable> _open = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var open in _open)
        {
            await open.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    /// <summary>A controller with gw1 (priority 10) and gw2 serving blue, and vm1 of blue on h1; gateways silent this long count dead.</summary>
    private async Task StartAsync(double timeoutSeconds)
    {
        var folder = Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        _server = await ControllerServer.StartAsync(
            ["--bootstrap-token-file", Path.Combine(folder, "bootstrap.token"), "--listen", "http://127.0.0.1:0", "--database", Path.Combine(folder, "controller.db"),
             "--heartbeat-seconds", "0.2", "--gateway-timeout-seconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder);
        _admin = _server.Client();
        await Sample.WorldAsync(_admin);
        await Sample.NicAsync(_admin, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await _admin.CreateGatewayAsync(Gateways.Gateway("gw1", "192.0.2.100", priority: 10));
        await _admin.CreateGatewayAsync(Gateways.Gateway("gw2", "192.0.2.101"));
        await _admin.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));
        await _admin.CreateGatewayDomainAsync("gw2", Gateways.Nat(Sample.Blue, "203.0.113.101"));
    }

    [Fact]
    public async Task GatewayWatch_CarriesItsDomains_WholeAfterEachChange()
    {
        await StartAsync(timeoutSeconds: 5);
        var gw2 = await WatchAsAsync("gw2");

        var snapshot = await gw2.NextAsync();

        Assert.Equal(WatchEventKinds.Snapshot, snapshot.Kind);
        var served = Assert.Single(snapshot.Gateway!.Domains);
        Assert.Equal((Sample.Blue, "nat", "203.0.113.101"), (served.RoutingDomain, served.Mode, served.ExternalAddresses.Single()));
        // gw2 is standby (no gateway counts alive yet: the first by priority, gw1, is active), and holds blue whole.
        Assert.True(gw2.Snapshot.TryGetRoutingDomain(Policy.Model.Rdid.Parse(Sample.Blue), out _));
        Assert.Equal(IpAddress.Parse("192.0.2.100"), Wildcard(gw2));

        await _admin.AddGatewayForwardAsync("gw2", Sample.Blue, new Client.Gateway.PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.11", ToPort = 80 });

        var change = await gw2.NextChangeAsync();
        Assert.Equal(8080, Assert.Single(Assert.Single(change.Gateway!.Domains).Forwards).Port);
    }

    [Fact]
    public async Task AGatewayWatchingButNotReady_IsNotCountedAlive_OneReportingItsPortsIs()
    {
        await StartAsync(timeoutSeconds: 5);
        var host = await WatchAsAsync("h1");
        await WatchAsAsync("gw2");
        using var reporting = new CancellationTokenSource();
        var reports = ReportAsync("gw2", ports: 0, reporting.Token); // watching, its context not made yet

        await Task.Delay(1000); // four sweeps
        Assert.False((await _admin.GetGatewayAsync("gw2")).Alive);
        await reporting.CancelAsync();
        await reports;

        using var ready = new CancellationTokenSource();
        var readyReports = ReportAsync("gw2", ports: 1, ready.Token);
        await FollowAsync(host, "192.0.2.101"); // alive now, and the only one: active
        await ready.CancelAsync();
        await readyReports;
    }

    [Fact]
    public async Task ALivenessChangeThatMovesNoRecord_LeavesTheHostsCurrent()
    {
        await StartAsync(timeoutSeconds: 5);
        var before = _server.Engine.Current;
        Assert.Equal("gw1", before.ActiveGateways[Policy.Model.Rdid.Parse(Sample.Blue)]); // none alive: the first by priority
        await WatchAsAsync("gw1");
        using var reporting = new CancellationTokenSource();
        var reports = ReportAsync("gw1", ports: 1, reporting.Token);

        await WaitAsync(async () => (await _admin.GetGatewayAsync("gw1")).Alive == true);
        await reporting.CancelAsync();
        await reports;

        // gw1 is alive now and still the active one: blue's records are what they were, so h1's view is too.
        var after = _server.Engine.Current;
        Assert.True(after.Revision > before.Revision);
        Assert.Equal(before.ChangedAt("h1"), after.ChangedAt("h1"));
        Assert.True(after.Policy.TryGetSubnet(BlueSubnet, out var subnet));
        Assert.True(subnet.TryGetGatewayWildcard(false, out var record));
        Assert.Equal(IpAddress.Parse("192.0.2.100"), record.Pa);
    }

    [Fact]
    public async Task ActiveStreamEnds_RecordsMoveToTheStandbyAtOnce_AndBackWhenItIsReadyAgain()
    {
        await StartAsync(timeoutSeconds: 5); // so a move within 2 s is the stream's end, not the timeout
        var host = await WatchAsAsync("h1");
        using var reporting = new CancellationTokenSource();
        var reports = Task.WhenAll(ReportAsync("gw1", 1, reporting.Token), ReportAsync("gw2", 1, reporting.Token));
        var gw1 = await WatchAsAsync("gw1");
        await WatchAsAsync("gw2");
        await WaitAsync(async () => (await _admin.GetGatewayAsync("gw1")).Alive == true && (await _admin.GetGatewayAsync("gw2")).Alive == true);
        await FollowAsync(host, "192.0.2.100");

        var clock = Stopwatch.StartNew();
        _open.Remove(gw1);
        await gw1.DisposeAsync(); // its connection closes, as a killed gateway's does

        await FollowAsync(host, "192.0.2.101");
        output.WriteLine($"h1 forwards to gw2 {clock.ElapsedMilliseconds} ms after gw1's stream closed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.ElapsedMilliseconds} ms");
        Assert.False((await _admin.GetGatewayAsync("gw1")).Alive);

        await WatchAsAsync("gw1");
        await FollowAsync(host, "192.0.2.100"); // once it reports its ports again, the higher priority takes blue back
        await reporting.CancelAsync();
        await reports;
    }

    [Fact]
    public async Task ActiveGatewayFallsSilent_CountsDeadAfterTheTimeout_AReportingOneStaysAlive()
    {
        await StartAsync(timeoutSeconds: 1);
        var host = await WatchAsAsync("h1");
        await WatchAsAsync("gw1"); // its stream stays open when it freezes: only its silence tells
        await WatchAsAsync("gw2");
        using var gw1Reporting = new CancellationTokenSource();
        using var gw2Reporting = new CancellationTokenSource();
        var gw1Reports = ReportAsync("gw1", 1, gw1Reporting.Token);
        var gw2Reports = ReportAsync("gw2", 1, gw2Reporting.Token);
        await WaitAsync(async () => (await _admin.GetGatewayAsync("gw1")).Alive == true && (await _admin.GetGatewayAsync("gw2")).Alive == true);
        await FollowAsync(host, "192.0.2.100");

        await gw1Reporting.CancelAsync();
        await gw1Reports;
        var clock = Stopwatch.StartNew();

        await FollowAsync(host, "192.0.2.101", seconds: 10);
        output.WriteLine($"gw1 counted dead {clock.ElapsedMilliseconds} ms after its last report (timeout 1 s)");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.7), TimeSpan.FromSeconds(5)); // its silence, not anything sooner
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // more than twice the timeout
        Assert.True((await _admin.GetGatewayAsync("gw2")).Alive);
        Assert.False((await _admin.GetGatewayAsync("gw1")).Alive);
        await gw2Reporting.CancelAsync();
        await gw2Reports;
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

    /// <summary>Reports for <paramref name="node"/> every 200 ms (hnv-gateway: every 500 ms) with <paramref name="ports"/> up, until cancelled.</summary>
    private async Task ReportAsync(string node, int ports, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _admin.ReportHostStatusAsync(node, new HostStatusReport { Revision = _server.Engine.Current.Revision, Ports = ports }, ct);
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
