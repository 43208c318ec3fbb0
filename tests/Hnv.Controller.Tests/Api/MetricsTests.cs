using System.Globalization;
using System.Net;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Api;

/// <summary>GET /metrics (issue 15): the controller's gauges in Prometheus text, for a read token, true to the state.</summary>
[Trait("tier", "service")]
public sealed class MetricsTests : IAsyncLifetime
{
    private ControllerServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        var client = _server.Client();
        await Sample.WorldAsync(client);
        await Sample.NicAsync(client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11", "fd00::11");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Scrape_ShowsTheRevisionHostsStreamsAndRecords_AsTheyAre()
    {
        var quiet = await ScrapeAsync();
        Assert.Contains($"hnv_controller_revision {_server.Engine.Current.Revision.ToString(CultureInfo.InvariantCulture)}\n", quiet, StringComparison.Ordinal);
        Assert.Contains("hnv_controller_lookup_records 2\n", quiet, StringComparison.Ordinal); // vm1's two CAs
        Assert.Contains("hnv_controller_hosts{state=\"disconnected\"} 3\n", quiet, StringComparison.Ordinal);
        Assert.Contains("hnv_controller_watch_streams 0\n", quiet, StringComparison.Ordinal);
        var store = quiet.Split('\n').Single(l => l.StartsWith("hnv_controller_store_bytes ", StringComparison.Ordinal));
        Assert.True(double.Parse(store["hnv_controller_store_bytes ".Length..], CultureInfo.InvariantCulture) > 4096, store); // more than one SQLite page

        var token = (await _server.Client().CreateHostCredentialAsync("h1")).Secret!;
        await using var watcher = new Watcher(_server.Client(token), "h1");
        await watcher.NextAsync();

        var watching = await ScrapeAsync();
        Assert.Contains("hnv_controller_watch_streams 1\n", watching, StringComparison.Ordinal);
        Assert.Contains("hnv_controller_hosts{state=\"connected\"} 1\n", watching, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WithoutAToken_IsUnauthorized()
    {
        using var http = _server.HttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = _server.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _server.Token);
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }
}
