using System.Net;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Access;

/// <summary>
/// A watch stream lives only as long as its token and its host (issue 16, defect 1): deleting the token, issuing the
/// host a new credential or removing the host ends every open stream of it at once, well inside one heartbeat.
/// </summary>
[Trait("tier", "service")]
public sealed class RevocationTests : IAsyncLifetime
{
    // The heartbeat is long, so a stream that ends within EndSeconds was ended by the revocation, not by a heartbeat's check.
    private const double HeartbeatSeconds = 30;
    private const double EndSeconds = 5;

    private ControllerServer _server = null!;
    private HnvClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync(heartbeatSeconds: HeartbeatSeconds);
        _admin = _server.Client();
        await Sample.WorldAsync(_admin);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Watch_ReadTokenDeleted_StreamEndsAndTokenRefused()
    {
        var token = await _admin.CreateTokenAsync(new TokenDocument { Name = "viewer", Role = TokenRoles.Read });
        var viewer = _server.Client(token.Secret);
        await using var watcher = new Watcher(viewer, "h1");
        Assert.Equal("snapshot", (await watcher.NextAsync()).Kind);

        await _admin.DeleteTokenAsync("viewer");

        Assert.True(await watcher.EndsAsync(EndSeconds), "the stream of a deleted token is still open");
        await AssertUnauthorized(viewer);
    }

    [Fact]
    public async Task Watch_HostCredentialReissued_OldStreamEndsNewOneWatches()
    {
        var old = await _admin.CreateHostCredentialAsync("h1");
        await using var watcher = new Watcher(_server.Client(old.Secret), "h1");
        Assert.Equal("snapshot", (await watcher.NextAsync()).Kind);

        var fresh = await _admin.CreateHostCredentialAsync("h1");

        Assert.True(await watcher.EndsAsync(EndSeconds), "the stream of a replaced credential is still open");
        await AssertUnauthorized(_server.Client(old.Secret));
        await using var again = new Watcher(_server.Client(fresh.Secret), "h1");
        Assert.Equal("snapshot", (await again.NextAsync()).Kind);
    }

    [Fact]
    public async Task Watch_HostRemoved_StreamEnds()
    {
        await _admin.CreateHostAsync(new HostDocument { Name = "h9" });
        var credential = await _admin.CreateHostCredentialAsync("h9");
        await using var watcher = new Watcher(_server.Client(credential.Secret), "h9");
        Assert.Equal("snapshot", (await watcher.NextAsync()).Kind);

        await _admin.DeleteHostAsync("h9");

        Assert.True(await watcher.EndsAsync(EndSeconds), "the stream of a removed host is still open");
    }

    [Fact]
    public async Task Watch_OtherTokenDeleted_StreamStaysOpen()
    {
        var credential = await _admin.CreateHostCredentialAsync("h1");
        await _admin.CreateTokenAsync(new TokenDocument { Name = "someone", Role = TokenRoles.Read });
        await using var watcher = new Watcher(_server.Client(credential.Secret), "h1");
        Assert.Equal("snapshot", (await watcher.NextAsync()).Kind);

        await _admin.DeleteTokenAsync("someone");

        Assert.False(await watcher.EndsAsync(2), "a stream ended although its own token is still valid");
        await Sample.NicAsync(_admin, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        Assert.Equal("change", (await watcher.NextChangeAsync()).Kind);
    }

    private static async Task AssertUnauthorized(HnvClient client)
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync("h1", 0))
            {
            }
        });
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }
}
