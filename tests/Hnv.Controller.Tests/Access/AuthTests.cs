using System.Net;
using System.Text;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Resources;
using Hnv.Client.Status;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Access;

/// <summary>Bearer tokens: 401 without a valid one, 403 beyond its role, agent tokens for their host only, hashed at rest.</summary>
[Trait("tier", "service")]
public sealed class AuthTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _admin = _server.Client();
        await Sample.WorldAsync(_admin);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Request_WithoutToken_Unauthorized()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _server.Anonymous().ListHostsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }

    [Fact]
    public async Task Request_WithUnknownToken_Unauthorized()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _server.Client("hnv_notatoken").ListHostsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }

    [Fact]
    public async Task Health_WithoutToken_Ok()
    {
        using var http = _server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ApiPaths.Health)).StatusCode);
    }

    [Fact]
    public async Task ReadToken_ReadsButCannotWrite()
    {
        var token = await _admin.CreateTokenAsync(new TokenDocument { Name = "viewer", Role = TokenRoles.Read });
        var reader = _server.Client(token.Secret);
        Assert.Equal(3, (await reader.ListHostsAsync()).Items.Count);
        var e = await Assert.ThrowsAsync<HnvApiException>(() => reader.CreateHostAsync(new HostDocument { Name = "h9" }));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        var tokens = await Assert.ThrowsAsync<HnvApiException>(() => reader.CreateTokenAsync(new TokenDocument { Name = "x", Role = TokenRoles.Write }));
        Assert.Equal(HttpStatusCode.Forbidden, tokens.Status);
    }

    [Fact]
    public async Task AgentToken_OnlyItsHostsWatchAndStatus()
    {
        var credential = await _admin.CreateHostCredentialAsync("h1");
        Assert.Equal(TokenRoles.Agent, credential.Role);
        var agent = _server.Client(credential.Secret);

        await using (var watcher = new Watcher(agent, "h1"))
        {
            Assert.Equal("snapshot", (await watcher.NextAsync()).Kind);
        }

        var report = await agent.ReportHostStatusAsync("h1", new HostStatusReport { Revision = 3, Ports = 1 });
        Assert.Equal(3, report.RevisionApplied);
        Assert.Equal(3, (await agent.GetHostStatusAsync("h1")).RevisionApplied);

        await AssertForbidden(async () =>
        {
            await foreach (var _ in agent.WatchAsync("h2", 0))
            {
            }
        });
        await AssertForbidden(() => agent.ReportHostStatusAsync("h2", new HostStatusReport { Revision = 1 }));
        await AssertForbidden(() => agent.ListRoutingDomainsAsync());
        await AssertForbidden(() => agent.GetStatusAsync());
        await AssertForbidden(() => agent.CreateHostAsync(new HostDocument { Name = "h9" }));
    }

    [Fact]
    public async Task AgentCredential_IssuedAgain_OldOneStops()
    {
        var first = await _admin.CreateHostCredentialAsync("h1");
        var second = await _admin.CreateHostCredentialAsync("h1");
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _server.Client(first.Secret).GetHostStatusAsync("h1"));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("h1", (await _server.Client(second.Secret).GetHostStatusAsync("h1")).Name);
    }

    [Fact]
    public async Task Token_Deleted_StopsWorking()
    {
        var token = await _admin.CreateTokenAsync(new TokenDocument { Name = "temp", Role = TokenRoles.Write });
        var temp = _server.Client(token.Secret);
        await temp.ListHostsAsync();
        await _admin.DeleteTokenAsync("temp");
        var e = await Assert.ThrowsAsync<HnvApiException>(() => temp.ListHostsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }

    [Fact]
    public async Task Tokens_ListedWithoutSecrets_CreateTwiceConflict()
    {
        await _admin.CreateTokenAsync(new TokenDocument { Name = "ops", Role = TokenRoles.Write });
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _admin.CreateTokenAsync(new TokenDocument { Name = "ops", Role = TokenRoles.Read }));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        var tokens = (await _admin.ListTokensAsync()).Items;
        Assert.Equal(["bootstrap", "ops"], tokens.Select(t => t.Name));
        Assert.All(tokens, t => Assert.Null(t.Secret));
    }

    [Fact]
    public async Task Tokens_StoredHashed_SecretNotInDatabaseFiles()
    {
        var token = await _admin.CreateTokenAsync(new TokenDocument { Name = "ops", Role = TokenRoles.Write });
        var agent = await _admin.CreateHostCredentialAsync("h2");
        Assert.True(token.Secret!.Length >= 43, "a secret carries at least 256 bits");
        var folder = Path.GetDirectoryName(_server.Options.Database)!;
        var bytes = Directory.GetFiles(folder, "controller.db*").SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.ASCII.GetString(bytes);
        foreach (var secret in new[] { token.Secret, agent.Secret!, _server.Token })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BootstrapToken_FileIsPrivate_AndNotRewrittenOnRestart()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_server.TokenFile));
        var secret = _server.Token;
        _server = await _server.RestartAsync();
        Assert.Equal(secret, _server.Token);
        Assert.Equal(3, (await _server.Client().ListHostsAsync()).Items.Count);
    }

    private static async Task AssertForbidden(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(call);
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
    }
}
