using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Api;

/// <summary>POST /api/v1/batch: many creates as one revision, all or nothing.</summary>
[Trait("tier", "service")]
public sealed class BatchTests : IAsyncLifetime
{
    private const string Path = "/api/v1/batch";
    private ControllerServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _http = _server.HttpClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Batch_WholeWorld_OneRevision()
    {
        using var response = await PostAsync("""
            { "routingDomains": [{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "name": "blue"}],
              "virtualSubnets": [{"vsid": 5001, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.0.0.0/24"]}],
              "hosts": [{"name": "h1"}, {"name": "h2"}],
              "providerAddresses": [{"host": "h1", "pa": "192.0.2.1", "prefixLength": 24}, {"host": "h2", "pa": "192.0.2.2", "prefixLength": 24}],
              "networkInterfaces": [
                {"name": "vm1", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:01", "addresses": ["10.0.0.11"]},
                {"name": "vm2", "host": "h2", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.12"]}] }
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, result.RootElement.GetProperty("revision").GetInt64());
        Assert.Equal(8, result.RootElement.GetProperty("created").GetInt32());
        Assert.Equal(2, (await _server.Client().ListLookupRecordsAsync(5001)).Items.Count);
    }

    [Fact]
    public async Task Batch_OneBadItem_NothingStoredAndFieldNamed()
    {
        using var response = await PostAsync("""
            { "hosts": [{"name": "h1"}],
              "providerAddresses": [{"host": "h1", "pa": "192.0.2.1", "prefixLength": 24}, {"host": "h1", "pa": "not-an-address", "prefixLength": 24}] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("providerAddresses[1].pa", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await _server.Client().ListHostsAsync()).Items);
        Assert.Equal(0, _server.Engine.Current.Revision);
    }

    [Fact]
    public async Task Batch_ItemExists_ConflictAndNothingStored()
    {
        await _server.Client().CreateHostAsync(new Hnv.Client.Resources.HostDocument { Name = "h1" });
        using var response = await PostAsync("""{ "hosts": [{"name": "h2"}, {"name": "h1"}] }""");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["h1"], (await _server.Client().ListHostsAsync()).Items.Select(h => h.Name));
    }

    private Task<HttpResponseMessage> PostAsync(string json) => _http.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));
}
