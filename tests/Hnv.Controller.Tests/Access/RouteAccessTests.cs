using System.Net;
using System.Net.Http.Headers;
using Hnv.Client.Access;
using Hnv.Controller.Access;
using Hnv.Controller.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.Controller.Tests.Access;

/// <summary>
/// Every route the controller serves, with the access it declares, checked against this table and then called for
/// real without a token, with a read token, with another host's agent token, and with read and write tokens limited to
/// one routing domain: the matrix of roles and routes, every cell (issue 16, defect 4 and scoped tokens: closed by default).
/// </summary>
[Trait("tier", "service")]
public sealed class RouteAccessTests : IAsyncLifetime
{
    private const string Undeclared = "/api/v1/test-undeclared";

    // METHOD pattern -> the level it must declare. A route missing here, or here but not served, fails the first test.
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = "Public",
        ["GET /healthz"] = "Public",
        ["GET /api/v1/status"] = "Read",
        ["GET /api/v1/routing-domains/"] = "Read",
        ["GET /api/v1/routing-domains/{rdid}"] = "Read",
        ["POST /api/v1/routing-domains/"] = "Write",
        ["PUT /api/v1/routing-domains/{rdid}"] = "Write",
        ["DELETE /api/v1/routing-domains/{rdid}"] = "Write",
        ["GET /api/v1/virtual-subnets/"] = "Read",
        ["GET /api/v1/virtual-subnets/{vsid}"] = "Read",
        ["POST /api/v1/virtual-subnets/"] = "Write",
        ["PUT /api/v1/virtual-subnets/{vsid}"] = "Write",
        ["DELETE /api/v1/virtual-subnets/{vsid}"] = "Write",
        ["GET /api/v1/hosts/"] = "Read",
        ["GET /api/v1/hosts/{name}"] = "Read",
        ["POST /api/v1/hosts/"] = "Write",
        ["PUT /api/v1/hosts/{name}"] = "Write",
        ["DELETE /api/v1/hosts/{name}"] = "Write",
        ["POST /api/v1/hosts/{name}/credential"] = "Write",
        ["GET /api/v1/hosts/{name}/watch"] = "ReadOrHostAgent",
        ["GET /api/v1/hosts/{name}/status"] = "ReadOrHostAgent",
        ["POST /api/v1/hosts/{name}/status"] = "WriteOrHostAgent",
        ["GET /api/v1/gateways/"] = "Read",
        ["GET /api/v1/gateways/{name}"] = "Read",
        ["POST /api/v1/gateways/"] = "Write",
        ["PUT /api/v1/gateways/{name}"] = "Write",
        ["DELETE /api/v1/gateways/{name}"] = "Write",
        ["GET /api/v1/gateways/{name}/domains"] = "Read",
        ["GET /api/v1/gateways/{name}/domains/{rdid}"] = "Read",
        ["POST /api/v1/gateways/{name}/domains"] = "Write",
        ["PUT /api/v1/gateways/{name}/domains/{rdid}"] = "Write",
        ["DELETE /api/v1/gateways/{name}/domains/{rdid}"] = "Write",
        ["POST /api/v1/gateways/{name}/domains/{rdid}/forwards"] = "Write",
        ["DELETE /api/v1/gateways/{name}/domains/{rdid}/forwards/{protocol}/{port}"] = "Write",
        ["GET /api/v1/network-interfaces/"] = "Read",
        ["GET /api/v1/network-interfaces/{name}"] = "Read",
        ["POST /api/v1/network-interfaces/"] = "Write",
        ["PUT /api/v1/network-interfaces/{name}"] = "Write",
        ["DELETE /api/v1/network-interfaces/{name}"] = "Write",
        ["GET /api/v1/lookup-records/"] = "Read",
        ["GET /api/v1/lookup-records/{vsid}/{ca}"] = "Read",
        ["POST /api/v1/lookup-records/"] = "Write",
        ["PUT /api/v1/lookup-records/{vsid}/{ca}"] = "Write",
        ["DELETE /api/v1/lookup-records/{vsid}/{ca}"] = "Write",
        ["GET /api/v1/customer-routes/"] = "Read",
        ["POST /api/v1/customer-routes/"] = "Write",
        ["PUT /api/v1/customer-routes/"] = "Write",
        ["DELETE /api/v1/customer-routes/"] = "Write",
        ["GET /api/v1/provider-addresses/"] = "Read",
        ["GET /api/v1/provider-addresses/{pa}"] = "Read",
        ["POST /api/v1/provider-addresses/"] = "Write",
        ["PUT /api/v1/provider-addresses/{pa}"] = "Write",
        ["DELETE /api/v1/provider-addresses/{pa}"] = "Write",
        ["GET /api/v1/provider-routes/"] = "Read",
        ["POST /api/v1/provider-routes/"] = "Write",
        ["PUT /api/v1/provider-routes/"] = "Write",
        ["DELETE /api/v1/provider-routes/"] = "Write",
        ["GET /api/v1/tokens/"] = "Read",
        ["POST /api/v1/tokens/"] = "Write",
        ["DELETE /api/v1/tokens/{name}"] = "Write",
        ["POST /api/v1/batch"] = "Write",
        ["GET /metrics"] = "Read",
        ["POST /api/v1/trace"] = "Read",
        ["POST /api/v1/hosts/{name}/probes/{id}"] = "WriteOrHostAgent",
        ["GET /ui"] = "Public",
        ["GET /ui/topology.js"] = "Public",
        ["GET /ui/topology.css"] = "Public",
        ["POST /api/v1/trace/underlay"] = "Read",
        ["GET " + Undeclared] = "none",
    };

    // The routes a token limited to routing domains may call (within its domains); every other one answers it 403.
    private static readonly HashSet<string> ExpectedScoped = new(StringComparer.Ordinal)
    {
        "GET /api/v1/routing-domains/", "GET /api/v1/routing-domains/{rdid}", "POST /api/v1/routing-domains/", "PUT /api/v1/routing-domains/{rdid}",
        "DELETE /api/v1/routing-domains/{rdid}",
        "GET /api/v1/virtual-subnets/", "GET /api/v1/virtual-subnets/{vsid}", "POST /api/v1/virtual-subnets/", "PUT /api/v1/virtual-subnets/{vsid}",
        "DELETE /api/v1/virtual-subnets/{vsid}",
        "GET /api/v1/network-interfaces/", "GET /api/v1/network-interfaces/{name}", "POST /api/v1/network-interfaces/", "PUT /api/v1/network-interfaces/{name}",
        "DELETE /api/v1/network-interfaces/{name}",
        "GET /api/v1/lookup-records/", "GET /api/v1/lookup-records/{vsid}/{ca}", "POST /api/v1/lookup-records/", "PUT /api/v1/lookup-records/{vsid}/{ca}",
        "DELETE /api/v1/lookup-records/{vsid}/{ca}",
        "GET /api/v1/customer-routes/", "POST /api/v1/customer-routes/", "PUT /api/v1/customer-routes/", "DELETE /api/v1/customer-routes/",
        "POST /api/v1/trace",
    };

    private ControllerServer _server = null!;
    private string _readToken = null!;
    private string _agentToken = null!;
    private string _scopedRead = null!;
    private string _scopedWrite = null!;

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        _server = await ControllerServer.StartAsync(
            ["--bootstrap-token-file", Path.Combine(folder, "bootstrap.token"), "--listen", "http://127.0.0.1:0", "--database", Path.Combine(folder, "controller.db")],
            folder,
            app => app.MapGet(Undeclared, () => "anyone?")); // an endpoint someone forgot to declare
        var admin = _server.Client();
        await Sample.WorldAsync(admin);
        _readToken = (await admin.CreateTokenAsync(new TokenDocument { Name = "viewer", Role = TokenRoles.Read })).Secret!;
        _agentToken = (await admin.CreateHostCredentialAsync("h2")).Secret!;
        _scopedRead = (await admin.CreateTokenAsync(new TokenDocument { Name = "blue-viewer", Role = TokenRoles.Read, RoutingDomains = [Sample.Blue] })).Secret!;
        _scopedWrite = (await admin.CreateTokenAsync(new TokenDocument { Name = "blue-team", Role = TokenRoles.Write, RoutingDomains = [Sample.Blue] })).Secret!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Routes_EachDeclaresTheExpectedAccess()
    {
        var actual = Routes().ToDictionary(r => r.Key, r => r.Level, StringComparer.Ordinal);
        var lines = actual.Keys.Union(Expected.Keys).Order(StringComparer.Ordinal)
            .Where(k => actual.GetValueOrDefault(k) != Expected.GetValueOrDefault(k))
            .Select(k => $"{k}: declared {actual.GetValueOrDefault(k) ?? "(not served)"}, expected {Expected.GetValueOrDefault(k) ?? "(not in the table)"}")
            .ToList();
        Assert.True(lines.Count == 0, string.Join("\n", lines));
    }

    [Fact]
    public async Task Routes_WithoutToken_OnlyPublicOnesAnswer()
    {
        foreach (var route in Routes())
        {
            var status = await CallAsync(route, token: null);
            if (route.Level == "Public")
            {
                Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Key}: {status}");
            }
            else
            {
                Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{route.Key} answered {status} without a token");
            }
        }
    }

    [Fact]
    public async Task Routes_WithReadToken_OnlyReadingOnesAnswer()
    {
        foreach (var route in Routes())
        {
            var status = await CallAsync(route, _readToken);
            var allowed = route.Level is "Public" or "Read" or "ReadOrHostAgent";
            Assert.True(allowed == status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Key} ({route.Level}) answered {status} to a read token");
        }
    }

    [Fact]
    public async Task Routes_WithAnotherHostsAgentToken_NoneButPublicAnswer()
    {
        // The routes' {name} is "h1"; the token is h2's.
        foreach (var route in Routes())
        {
            var status = await CallAsync(route, _agentToken);
            Assert.True(route.Level == "Public" == status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{route.Key} ({route.Level}) answered {status} to another host's agent token");
        }
    }

    [Fact]
    public void Routes_ScopedOnesAreExactlyTheTenantsResources()
    {
        var declared = Routes().Where(r => r.Scoped).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(declared.SetEquals(ExpectedScoped),
            $"declared scoped but not expected: {string.Join(", ", declared.Except(ExpectedScoped))}; expected but not declared: {string.Join(", ", ExpectedScoped.Except(declared))}");
    }

    [Theory]
    [InlineData(TokenRoles.Read)]
    [InlineData(TokenRoles.Write)]
    public async Task Routes_WithATokenLimitedToBlue_OnlyTheTenantsResourcesOfItsRoleAnswer(string role)
    {
        // The routes' {rdid} is blue, {vsid} blue's 5001: what they name lies in the token's domain.
        foreach (var route in Routes())
        {
            var status = await CallAsync(route, role == TokenRoles.Read ? _scopedRead : _scopedWrite);
            var byRole = route.Level is "Public" or "Read" or "ReadOrHostAgent" || (role == TokenRoles.Write && route.Level is "Write" or "WriteOrHostAgent");
            var allowed = route.Level == "Public" || (route.Scoped && byRole);
            Assert.True(allowed == status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{route.Key} ({route.Level}{(route.Scoped ? ", scoped" : "")}) answered {status} to a {role} token limited to blue");
        }
    }

    private IEnumerable<Route> Routes()
    {
        foreach (var endpoint in _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var level = endpoint.Metadata.GetMetadata<RequiredAccess>()?.Level.ToString() ?? "none";
            var scoped = endpoint.Metadata.GetMetadata<ScopedAccess>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return new Route(method, endpoint.RoutePattern.RawText!, level) { Scoped = scoped };
            }
        }
    }

    private async Task<HttpStatusCode> CallAsync(Route route, string? token)
    {
        using var http = _server.HttpClient();
        var path = route.Pattern
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{name}", "h1", StringComparison.Ordinal)
            .Replace("{rdid}", Sample.Blue, StringComparison.Ordinal)
            .Replace("{vsid}", "5001", StringComparison.Ordinal)
            .Replace("{ca}", "10.0.0.99", StringComparison.Ordinal)
            .Replace("{pa}", "192.0.2.77", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (route.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        // The watch answers with a stream: its status line is enough.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private sealed record Route(string Method, string Pattern, string Level)
    {
        public bool Scoped { get; init; }

        public string Key => $"{Method} {Pattern}";
    }
}
