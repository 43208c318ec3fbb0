using System.Net;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Api;

/// <summary>GET /ui (issue 15): the topology page's files, without a token, under a policy that lets only their own script run.</summary>
[Trait("tier", "service")]
public sealed class PageTests : IAsyncLifetime
{
    private ControllerServer _server = null!;

    public async Task InitializeAsync() => _server = await ControllerServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/ui", "text/html", "<title>hnv topology</title>")]
    [InlineData("/ui/", "text/html", "/ui/topology.js")]
    [InlineData("/ui/topology.js", "text/javascript", "/api/v1/trace")]
    [InlineData("/ui/topology.css", "text/css", "#verdict")]
    public async Task PageFiles_AreServedWithoutAToken_UnderAStrictPolicy(string path, string type, string content)
    {
        using var http = _server.HttpClient();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ThePage_HoldsNoData_TheApiBehindItStillWantsAToken()
    {
        using var http = _server.HttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/v1/network-interfaces", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("token=", await http.GetStringAsync(new Uri("/ui", UriKind.Relative)), StringComparison.Ordinal);
    }
}
