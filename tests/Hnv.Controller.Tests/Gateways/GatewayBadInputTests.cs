using System.Net.Http.Headers;
using System.Text;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Gateways;

/// <summary>
/// Every wrong gateway input gets a clear 4xx naming the field (or a 404/409), and nothing stored changes: gw1 serves
/// blue (nat, 203.0.113.100, tcp 8080 forwarded), gw2 serves red and green (forward); vm1 is blue's NIC on h1.
/// </summary>
[Trait("tier", "service")]
public sealed class GatewayBadInputTests(GatewayBadInputTests.World world) : IClassFixture<GatewayBadInputTests.World>
{
    private const string Blue = Sample.Blue;
    private const string Red = Sample.Red;
    private const string Green = "cccccccc-0000-0000-0000-000000000003";
    private const string Gw = ApiPaths.Gateways;
    private readonly HttpClient _http = world.Http;

    public static TheoryData<string, string, string, int, string> Cases() => new()
    {
        { "POST", Gw, """{"name": "gw1"}""", 409, "name" },
        { "POST", Gw, """{"name": "bad/name"}""", 400, "name" },
        { "POST", Gw, """{"name": "."}""", 400, "name" },
        { "POST", Gw, """{"name": "gw3", "priority": 2000000}""", 400, "priority" },
        { "POST", Gw, """{"name": "gw3", "alive": true}""", 400, "alive" },
        { "POST", Gw, """{"name": "gw3", "site": "east"}""", 400, "site" },
        { "POST", Gw, """{"name": "gw3", "providerAddresses": [{"pa": "192.0.2.1", "prefixLength": 24}]}""", 409, "providerAddresses" }, // h1's
        { "POST", Gw, """{"name": "gw3", "providerAddresses": [{"pa": "255.255.255.255", "prefixLength": 24}]}""", 400, "providerAddresses[0].pa" }, // named by the body's field
        { "POST", Gw, """{"name": "gw3", "providerAddresses": [{"host": "h1", "pa": "192.0.2.9", "prefixLength": 24}]}""", 400, "providerAddresses" },
        { "POST", Gw, """{"name": "gw3", "providerAddresses": [null]}""", 400, "providerAddresses[0]" },
        { "POST", Gw, """{"name": "h1"}""", 409, "name" }, // a hypervisor with NICs is no gateway
        { "PUT", Gw + "/nogw", """{"name": "nogw"}""", 404, "" },
        { "PUT", Gw + "/gw1", """{"name": "gw9"}""", 400, "name" },
        { "DELETE", Gw + "/nogw", "", 404, "" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "mode": "nat"}""", 400, "externalAddresses" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "mode": "masquerade"}""", 400, "mode" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "mode": "forward", "forwards": [{"protocol": "tcp", "port": 80, "to": "10.0.0.11"}]}""", 400, "mode" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "externalAddresses": ["10.0.0.300"]}""", 400, "externalAddresses[0]" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "externalAddresses": ["2001:db8::7"]}""", 400, "externalAddresses[0]" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Red}}", "externalAddresses": ["203.0.113.7"], "forwards": [{"protocol": "tcp", "port": 0, "to": "10.0.0.11"}]}""", 400, "forwards[0].port" },
        { "POST", Gw + "/gw1/domains", """{"routingDomain": "dddddddd-0000-0000-0000-000000000004", "externalAddresses": ["203.0.113.7"]}""", 400, "routingDomain" },
        { "POST", Gw + "/gw1/domains", """{"routingDomain": "blue", "externalAddresses": ["203.0.113.7"]}""", 400, "routingDomain" },
        { "POST", Gw + "/gw1/domains", $$"""{"routingDomain": "{{Blue}}", "externalAddresses": ["203.0.113.7"]}""", 409, "routingDomain" },
        { "POST", Gw + "/gw1/domains", $$"""{"gateway": "gw2", "routingDomain": "{{Red}}", "externalAddresses": ["203.0.113.7"]}""", 400, "gateway" },
        { "POST", Gw + "/gw2/domains", $$"""{"routingDomain": "{{Blue}}", "externalAddresses": ["203.0.113.100"]}""", 409, "externalAddresses" }, // gw1's
        { "POST", Gw + "/nogw/domains", $$"""{"routingDomain": "{{Blue}}", "externalAddresses": ["203.0.113.7"]}""", 404, "" },
        { "PUT", Gw + $"/gw1/domains/{Red}", $$"""{"routingDomain": "{{Red}}", "externalAddresses": ["203.0.113.7"]}""", 404, "" },
        { "DELETE", Gw + $"/gw1/domains/{Red}", "", 404, "" },
        { "POST", Gw + $"/gw1/domains/{Blue}/forwards", """{"protocol": "tcp", "port": 8080, "to": "10.0.0.12"}""", 409, "port" },
        { "POST", Gw + $"/gw1/domains/{Blue}/forwards", """{"protocol": "icmp", "port": 1, "to": "10.0.0.12"}""", 400, "protocol" },
        { "POST", Gw + $"/gw1/domains/{Blue}/forwards", """{"protocol": "tcp", "port": 81, "to": "fd00::12"}""", 400, "to" },
        { "POST", Gw + $"/gw2/domains/{Red}/forwards", """{"protocol": "tcp", "port": 81, "to": "10.0.0.12"}""", 400, "mode" },
        { "DELETE", Gw + $"/gw1/domains/{Blue}/forwards/udp/53", "", 404, "" },
        // The controller's own records and MACs.
        { "POST", ApiPaths.LookupRecords, """{"ca": "0.0.0.0", "vsid": 5001, "mac": "02:00:00:00:ff:01", "pa": "192.0.2.1", "type": "GatewayWildcard"}""", 409, "ca" },
        { "DELETE", ApiPaths.LookupRecords + "/5001/0.0.0.0", "", 409, "ca" },
        { "POST", ApiPaths.NetworkInterfaces, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:68:6e:00:00:07", "addresses": ["10.0.0.12"]}""", 400, "mac" },
        { "POST", ApiPaths.LookupRecords, """{"ca": "10.0.0.50", "vsid": 5001, "mac": "02:68:6e:00:00:08", "pa": "192.0.2.1"}""", 400, "mac" },
        // What a gateway stands on.
        { "DELETE", ApiPaths.RoutingDomains + "/" + Green, "", 409, "rdid" },
        { "DELETE", ApiPaths.Hosts + "/gw1", "", 409, "name" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Write_BadInput_AnswersProblemAndStoresNothing(string method, string path, string body, int status, string field) =>
        RefusedWrite.AssertAsync(_http, method, path, body, status, field, SnapshotAsync);

    private async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var path in new[] { ApiPaths.RoutingDomains, ApiPaths.Hosts, ApiPaths.NetworkInterfaces, ApiPaths.LookupRecords, ApiPaths.ProviderAddresses, Gw })
        {
            text.AppendLine(await _http.GetStringAsync(path));
        }

        return text.ToString();
    }

    /// <summary>The world the cases run against, shared: they change nothing.</summary>
    public sealed class World : IAsyncLifetime
    {
        private ControllerServer _server = null!;

        internal HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _server = await ControllerServer.StartAsync();
            var client = _server.Client();
            await Sample.WorldAsync(client);
            await client.CreateRoutingDomainAsync(new Policy.Documents.RoutingDomainDocument { Rdid = Green, Name = "green" });
            await Sample.NicAsync(client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
            await client.CreateGatewayAsync(Gateways.Gateway("gw1", "192.0.2.100"));
            await client.CreateGatewayAsync(Gateways.Gateway("gw2", "192.0.2.101"));
            await client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Blue, "203.0.113.100"));
            await client.AddGatewayForwardAsync("gw1", Blue, new Client.Gateway.PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.11" });
            await client.CreateGatewayDomainAsync("gw2", new GatewayDomainDocument { RoutingDomain = Red, Mode = "forward" });
            await client.CreateGatewayDomainAsync("gw2", new GatewayDomainDocument { RoutingDomain = Green, Mode = "forward" });
            Http = _server.HttpClient();
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        }

        public async Task DisposeAsync() => await _server.DisposeAsync();
    }
}
