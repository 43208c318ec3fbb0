using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;
using Hnv.Agent.Ports;
using Hnv.Agent.Tests.Support;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.Agent.Tests.Api;

/// <summary>
/// The local API on a real Kestrel over a real Unix socket, with a real policy file and worker; only the
/// devices are memory (the lab's end-to-end tests cover TAPs and GRE).
/// </summary>
[Trait("tier", "service")]
public sealed class AgentApiTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-agent-api-").FullName;
    private WebApplication? _app;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        var policy = Path.Combine(_folder, "policy.json");
        await File.WriteAllTextAsync(policy, """
            { "routingDomains": [{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "name": "blue"}],
              "virtualSubnets": [{"vsid": 5001, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.0.0.0/24"]}],
              "providerAddresses": [{"host": "h1", "pa": "192.0.2.1", "prefixLength": 24}],
              "lookupRecords": [{"ca": "10.0.0.11", "vsid": 5001, "mac": "02:00:00:00:00:11", "pa": "192.0.2.1"}] }
            """);
        var socket = Path.Combine(_folder, "agent.sock");
        var settings = new AgentSettings("h1", new UnderlaySettings("eth0", 1500, Wire.Addressing.IpAddress.Parse("192.0.2.1"), null), policy, socket, []) { Workers = 2 };
        _app = AgentApplication.Build(settings, services =>
        {
            services.AddSingleton<IVmPortFactory, MemoryPortFactory>();
            services.AddSingleton(new MemoryFabric().Connect(Wire.Addressing.IpAddress.Parse("192.0.2.1")));
            services.AddSingleton<Func<IPacketWaiter>>(() => new EventWaiter());
        });
        await _app.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://agent") };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ApiSocket_IsForItsOwnerAndGroupOnly()
    {
        Assert.Equal(NodeRuntime.Api.ApiSocket.Mode, File.GetUnixFileMode(Path.Combine(_folder, "agent.sock")));
    }

    [Fact]
    public async Task PostPort_Valid_Attaches201AndListsIt()
    {
        var response = await Http.PostAsync("/v1/ports", Json("""{"name": "vm1", "namespace": "ns1", "mac": "02:00:00:00:00:11", "vsid": 5001, "addresses": ["10.0.0.11"]}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ports = await Http.GetFromJsonAsync<JsonElement>("/v1/ports");
        var port = Assert.Single(ports.EnumerateArray());
        Assert.Equal("vm1", port.GetProperty("name").GetString());
        Assert.Equal(5001, port.GetProperty("vsid").GetInt32());
    }

    [Fact]
    public async Task PostPort_SameNameOrMacTwice_Is409AndTheFirstStays()
    {
        await Http.PostAsync("/v1/ports", Json("""{"name": "vm1", "namespace": "ns1", "mac": "02:00:00:00:00:11", "vsid": 5001, "addresses": ["10.0.0.11"]}"""));

        var sameName = await Http.PostAsync("/v1/ports", Json("""{"name": "vm1", "namespace": "ns2", "mac": "02:00:00:00:00:12", "vsid": 5001, "addresses": ["10.0.0.12"]}"""));
        var sameMac = await Http.PostAsync("/v1/ports", Json("""{"name": "vm2", "namespace": "ns2", "mac": "02:00:00:00:00:11", "vsid": 5001, "addresses": ["10.0.0.12"]}"""));

        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameMac.StatusCode);
        Assert.Single((await Http.GetFromJsonAsync<JsonElement>("/v1/ports")).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"name": "vm1", "namespace": "ns1", "mac": "zz", "vsid": 5001, "addresses": ["10.0.0.11"]}""", "$.mac")]
    [InlineData("""{"name": "vm1", "namespace": "ns1", "mac": "02:00:00:00:00:11", "vsid": 70000000, "addresses": ["10.0.0.11"]}""", "$.vsid")]
    [InlineData("""{"name": "vm1", "namespace": "ns1", "mac": "02:00:00:00:00:11", "vsid": 5001, "addresses": []}""", "$.addresses")]
    [InlineData("""{"name": "vm1", "vsid": "five" }""", "$.vsid")]
    [InlineData("""{ not json""", "$")]
    public async Task PostPort_Bad_Is400NamingTheFieldAndNothingIsAttached(string body, string field)
    {
        var response = await Http.PostAsync("/v1/ports", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString()!.StartsWith(field, StringComparison.Ordinal));
        Assert.Empty((await Http.GetFromJsonAsync<JsonElement>("/v1/ports")).EnumerateArray());
    }

    [Fact]
    public async Task DeletePort_AttachedThenUnknown_Is204Then404()
    {
        await Http.PostAsync("/v1/ports", Json("""{"name": "vm1", "namespace": "ns1", "mac": "02:00:00:00:00:11", "vsid": 5001, "addresses": ["10.0.0.11"]}"""));

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/v1/ports/vm1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync("/v1/ports/vm1")).StatusCode);
    }

    [Fact]
    public async Task Status_ReportsHostAndThePolicyRevisionFromTheFile()
    {
        JsonElement status = default;
        for (var i = 0; i < 50 && (status.ValueKind == JsonValueKind.Undefined || status.GetProperty("revision").GetInt64() == 0); i++)
        {
            status = await Http.GetFromJsonAsync<JsonElement>("/v1/status");
            await Task.Delay(50);
        }

        Assert.Equal("h1", status.GetProperty("host").GetString());
        Assert.Equal(1, status.GetProperty("revision").GetInt64());
        Assert.StartsWith("file /", status.GetProperty("policySource").GetString(), StringComparison.Ordinal);
        Assert.Equal(["192.0.2.1"], status.GetProperty("providerAddresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2, status.GetProperty("workers").GetInt32()); // one per direction, as configured
    }

    [Fact]
    public async Task Counters_ListEachWorkerWithWhatItReads()
    {
        JsonElement workers = default;
        for (var i = 0; i < 50 && (workers.ValueKind == JsonValueKind.Undefined || workers.EnumerateArray().Any(w => w.GetProperty("batches").GetInt64() == 0)); i++)
        {
            workers = (await Http.GetFromJsonAsync<JsonElement>("/v1/counters")).GetProperty("workers");
            await Task.Delay(100);
        }

        Assert.Equal(["vmPorts", "underlay"], workers.EnumerateArray().Select(w => w.GetProperty("reads").GetString()));
        Assert.All(workers.EnumerateArray(), w => Assert.True(w.GetProperty("batches").GetInt64() > 0, "a worker never ran a batch"));
        Assert.All(workers.EnumerateArray(), w => Assert.Equal(0, w.GetProperty("packets").GetInt64() + w.GetProperty("fullBatches").GetInt64()));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
