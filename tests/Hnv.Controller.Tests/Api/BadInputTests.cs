using System.Net;
using System.Text;
using System.Text.Json;
using Hnv.Client;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Api;

/// <summary>
/// Every resource refuses bad input with a clear 4xx that names the field, and the stored state (every listing
/// and the revision) is exactly as before.
/// </summary>
[Trait("tier", "service")]
public sealed class BadInputTests(SeededController controller) : IClassFixture<SeededController>
{
    private const string Nic = ApiPaths.NetworkInterfaces;
    private readonly HttpClient _http = controller.Http;

    public static TheoryData<string, string, string, int, string> Cases() => new()
    {
        // Malformed JSON and wrong types.
        { "POST", ApiPaths.RoutingDomains, """{"name": "x" """, 400, "$" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": "5002", "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"]}""", 400, "vsid" },
        { "POST", ApiPaths.Hosts, """{"name": 7}""", 400, "name" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": "10.0.0.12"}""", 400, "addresses" },
        // Unknown fields and duplicate keys (ClientJsonContext.Strict).
        { "POST", ApiPaths.Hosts, """{"name": "h7", "rack": 3}""", 400, "rack" },
        { "POST", ApiPaths.RoutingDomains, """{"name": "a", "name": "b"}""", 400, "name" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "h1", "pa": "192.0.2.9", "pa": "192.0.2.10", "prefixLength": 24}""", 400, "pa" },
        // VSID range: 0-4095 and 0xFFFFFF are reserved (RFC 7637 section 3.2), and a VSID has 24 bits.
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 4095, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"]}""", 400, "vsid" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 16777215, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"]}""", 400, "vsid" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 16777216, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"]}""", 400, "vsid" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 0, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.12"]}""", 400, "vsid" },
        // Field values.
        { "POST", ApiPaths.RoutingDomains, """{"rdid": "not-a-guid", "name": "x"}""", 400, "rdid" },
        { "POST", ApiPaths.RoutingDomains, """{"rdid": "cccccccc-0000-0000-0000-000000000003"}""", 400, "name" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 5002, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.1/24"]}""", 400, "prefixes[0]" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 5002, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.0.0.0/25"]}""", 400, "prefixes[0]" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 5002, "rdid": "cccccccc-0000-0000-0000-000000000003", "prefixes": ["10.1.0.0/24"]}""", 400, "rdid" },
        { "POST", ApiPaths.Hosts, """{"name": "bad name/with slash"}""", 400, "name" },
        { "POST", ApiPaths.Hosts, """{"name": "."}""", 400, "name" },
        { "POST", ApiPaths.Hosts, """{"name": ".."}""", 400, "name" },
        { "POST", ApiPaths.Hosts, """{"name": "h\u0000x"}""", 400, "name" },
        { "POST", ApiPaths.Hosts, """{"name": "h7", "description": "rack 3\u001b[2J"}""", 400, "description" },
        { "POST", ApiPaths.RoutingDomains, """{"rdid": "cccccccc-0000-0000-0000-000000000003", "name": "blue\u202e"}""", 400, "name" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 5002, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"], "name": "a\u0000b"}""", 400, "name" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "h1", "pa": "255.255.255.255", "prefixLength": 24}""", 400, "pa" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.0"]}""", 400, "addresses[0]" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.255"]}""", 400, "addresses[0]" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "h1", "pa": "192.0.2.9", "prefixLength": 40}""", 400, "prefixLength" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "h1", "pa": "192.0.2.9", "prefixLength": 24, "vlan": 4095}""", 400, "vlan" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "nohost", "pa": "192.0.2.9", "prefixLength": 24}""", 400, "host" },
        { "POST", ApiPaths.ProviderRoutes, """{"host": "h1", "destination": "203.0.113.0/24", "nextHop": "2001:db8::1"}""", 400, "nextHop" },
        { "POST", ApiPaths.ProviderRoutes, """{"host": "h1", "destination": "203.0.113.0/24", "nextHop": "192.0.2.254", "metric": -1}""", 400, "metric" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "ff:ff:ff:ff:ff:ff", "addresses": ["10.0.0.12"]}""", 400, "mac" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.9.9.9"]}""", 400, "addresses[0]" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.1"]}""", 400, "addresses[0]" },
        { "POST", Nic, """{"name": "vm2", "host": "nohost", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.12"]}""", 400, "host" },
        { "POST", Nic, """{"name": "vm2", "host": "h1", "vsid": 7777, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.12"]}""", 400, "vsid" },
        { "POST", ApiPaths.LookupRecords, """{"ca": "10.0.0.50", "vsid": 5001, "mac": "02:00:00:00:00:50", "pa": "203.0.113.1"}""", 400, "pa" },
        { "POST", ApiPaths.LookupRecords, """{"ca": "10.0.0.50", "vsid": 5001, "mac": "02:00:00:00:00:50", "pa": "192.0.2.1", "rule": "Tunnel"}""", 400, "rule" },
        { "POST", ApiPaths.CustomerRoutes, """{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "vsid": 5001, "destination": "0.0.0.0/0", "nextHop": "10.0.0.99"}""", 400, "nextHop" },
        { "POST", ApiPaths.CustomerRoutes, """{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "vsid": 6001, "destination": "0.0.0.0/0"}""", 400, "vsid" },
        { "POST", ApiPaths.Tokens, """{"name": "ops", "role": "admin"}""", 400, "role" },
        // An agent reports only revisions it was sent.
        { "POST", ApiPaths.Hosts + "/h1/status", """{"revision": 999999, "ports": 0}""", 400, "revision" },
        // Unknown ids (404) and duplicates or conflicts (409).
        { "PUT", ApiPaths.RoutingDomains + "/cccccccc-0000-0000-0000-000000000003", """{"name": "x"}""", 404, "" },
        { "PUT", ApiPaths.Hosts + "/nohost", """{"name": "nohost"}""", 404, "" },
        { "PUT", Nic + "/novm", """{"name": "novm", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:09", "addresses": ["10.0.0.19"]}""", 404, "" },
        { "PUT", ApiPaths.LookupRecords + "/5001/10.0.0.99", """{"mac": "02:00:00:00:00:09", "pa": "192.0.2.1"}""", 404, "" },
        { "PUT", ApiPaths.CustomerRoutes, """{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "vsid": 5001, "destination": "0.0.0.0/0"}""", 404, "" },
        { "DELETE", ApiPaths.CustomerRoutes + "?rdid=aaaaaaaa-0000-0000-0000-000000000001&vsid=5001&destination=0.0.0.0/0", "", 404, "" },
        { "DELETE", ApiPaths.CustomerRoutes + "?rdid=nope&vsid=1&destination=x", "", 400, "destination" },
        { "DELETE", ApiPaths.ProviderRoutes + "?host=h2&destination=198.51.100.0/24", "", 404, "" },
        { "PUT", ApiPaths.ProviderRoutes, """{"host": "h2", "destination": "198.51.100.0/24", "nextHop": "192.0.2.254"}""", 404, "" },
        { "DELETE", ApiPaths.VirtualSubnets + "/7777", "", 404, "" },
        { "DELETE", ApiPaths.ProviderAddresses + "/203.0.113.1", "", 404, "" },
        { "DELETE", ApiPaths.Tokens + "/nobody", "", 404, "" },
        { "POST", ApiPaths.Hosts, """{"name": "h1"}""", 409, "name" },
        { "POST", ApiPaths.RoutingDomains, """{"rdid": "aaaaaaaa-0000-0000-0000-000000000001", "name": "again"}""", 409, "rdid" },
        { "POST", ApiPaths.CustomerRoutes, """{"rdid": "bbbbbbbb-0000-0000-0000-000000000002", "vsid": 6001, "destination": "0.0.0.0/0", "nextHop": "10.0.0.254"}""", 409, "destination" },
        { "POST", ApiPaths.ProviderRoutes, """{"host": "h1", "destination": "198.51.100.0/24", "nextHop": "192.0.2.253"}""", 409, "destination" },
        { "POST", ApiPaths.LookupRecords, """{"ca": "10.0.0.254", "vsid": 6001, "mac": "02:00:00:00:00:ab", "pa": "192.0.2.3"}""", 409, "ca" },
        { "POST", ApiPaths.Tokens, """{"name": "bootstrap", "role": "read"}""", 409, "name" },
        { "POST", ApiPaths.VirtualSubnets, """{"vsid": 5001, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.1.0.0/24"]}""", 409, "vsid" },
        { "POST", ApiPaths.ProviderAddresses, """{"host": "h2", "pa": "192.0.2.1", "prefixLength": 24}""", 409, "pa" },
        { "POST", Nic, """{"name": "vm1", "host": "h1", "vsid": 5001, "mac": "02:00:00:00:00:09", "addresses": ["10.0.0.19"]}""", 409, "name" },
        { "POST", Nic, """{"name": "vm2", "host": "h2", "vsid": 5001, "mac": "02:00:00:00:00:02", "addresses": ["10.0.0.11"]}""", 409, "addresses" },
        { "POST", Nic, """{"name": "vm2", "host": "h2", "vsid": 5001, "mac": "02:00:00:00:00:01", "addresses": ["10.0.0.12"]}""", 409, "mac" },
        { "POST", ApiPaths.LookupRecords, """{"ca": "10.0.0.11", "vsid": 5001, "mac": "02:00:00:00:00:50", "pa": "192.0.2.1"}""", 409, "ca" },
        { "POST", Nic, """{"name": "vm2", "host": "h3", "vsid": 6001, "mac": "02:00:00:00:00:aa", "addresses": ["10.0.0.12"]}""", 409, "mac" },
        { "DELETE", ApiPaths.RoutingDomains + "/aaaaaaaa-0000-0000-0000-000000000001", "", 409, "rdid" },
        { "DELETE", ApiPaths.Hosts + "/h1", "", 409, "name" },
        { "DELETE", ApiPaths.ProviderAddresses + "/192.0.2.1", "", 409, "pa" },
        { "DELETE", ApiPaths.LookupRecords + "/5001/10.0.0.11", "", 409, "ca" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Write_BadInput_AnswersProblemAndStoresNothing(string method, string path, string body, int status, string field) =>
        RefusedWrite.AssertAsync(_http, method, path, body, status, field, SnapshotAsync);

    [Fact]
    public async Task Write_NotJson_Unsupported()
    {
        using var response = await _http.PostAsync(ApiPaths.Hosts, new StringContent("name=h7", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Write_DescriptionOverItsLimit_AnswersProblemAndStoresNothing()
    {
        var before = await SnapshotAsync();
        var body = JsonSerializer.Serialize(new { name = "h7", description = new string('d', 1025) });

        using var response = await _http.PostAsync(ApiPaths.Hosts, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1024", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData(true)] // Content-Length says so up front
    [InlineData(false)] // chunked: the limit is passed while reading
    public async Task Write_BodyOverTheLimit_Answers413ProblemAndStoresNothing(bool withLength)
    {
        var before = await SnapshotAsync();
        var body = "{\"name\": \"h7\", \"description\": \"" + new string('d', 5 * 1024 * 1024) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (!withLength)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, ApiPaths.Hosts) { Content = content };
        request.Headers.TransferEncodingChunked = !withLength;
        request.Headers.ExpectContinue = withLength; // as curl does: the answer comes before the body is sent
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("4 MiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Read_PathAndQueryOverTheLimit_Answers414ProblemSayingTheLimit()
    {
        using var response = await _http.GetAsync($"{ApiPaths.Hosts}?name={new string('a', 20_000)}");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 8192", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_HeadersOverTheLimit_Answers431ProblemSayingTheLimit()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiPaths.Hosts);
        request.Headers.Add("X-Padding", new string('p', 20_000));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 16384", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-things", 404)]
    [InlineData("PATCH", ApiPaths.Hosts, 405)]
    public async Task UnknownRouteOrMethod_AnswersProblemJson(string method, string path, int status)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    /// <summary>Every listing and the revision, as text, to compare before and after.</summary>
    private async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var path in new[] { ApiPaths.RoutingDomains, ApiPaths.VirtualSubnets, ApiPaths.Hosts, Nic, ApiPaths.LookupRecords, ApiPaths.CustomerRoutes, ApiPaths.ProviderAddresses, ApiPaths.ProviderRoutes })
        {
            text.AppendLine(await _http.GetStringAsync(path));
        }

        return text.ToString();
    }
}
