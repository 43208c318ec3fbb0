using System.Net;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Resources;
using Hnv.Controller.Hosting;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Access;

/// <summary>
/// Operators cannot lock themselves out (issue 16, defect 2): the last write token stays; a bootstrap secret that
/// cannot be written stores no token; `hnv-controller token reset` on the store's machine lets them back in.
/// </summary>
[Trait("tier", "service")]
public sealed class LockoutTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _admin = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DeleteToken_LastWriteTokenByItself_ConflictAndItStillWorks()
    {
        await _admin.CreateTokenAsync(new TokenDocument { Name = "viewer", Role = TokenRoles.Read });

        var e = await Assert.ThrowsAsync<HnvApiException>(() => _admin.DeleteTokenAsync("bootstrap"));

        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Contains("last write token", e.Message, StringComparison.Ordinal);
        await _admin.CreateHostAsync(new HostDocument { Name = "h1" });
    }

    [Fact]
    public async Task DeleteToken_AnotherWriteTokenExists_DeletedUntilOneIsLeft()
    {
        var ops = _server.Client((await _admin.CreateTokenAsync(new TokenDocument { Name = "ops", Role = TokenRoles.Write })).Secret);

        await ops.DeleteTokenAsync("bootstrap");
        var e = await Assert.ThrowsAsync<HnvApiException>(() => ops.DeleteTokenAsync("ops"));

        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal(["ops"], (await ops.ListTokensAsync()).Items.Select(t => t.Name));
    }

    [Fact]
    public async Task DeleteToken_ReadTokenBesideOneWriter_Deleted()
    {
        await _admin.CreateTokenAsync(new TokenDocument { Name = "viewer", Role = TokenRoles.Read });

        await _admin.DeleteTokenAsync("viewer");

        Assert.Equal(["bootstrap"], (await _admin.ListTokensAsync()).Items.Select(t => t.Name));
    }

    [Fact]
    public async Task Bootstrap_FileCannotBeWritten_StartFailsAndStoresNoToken()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        try
        {
            var blocker = Path.Combine(folder, "not-a-folder");
            await File.WriteAllTextAsync(blocker, "a file where the token's folder should be");
            var database = Path.Combine(folder, "controller.db");
            string[] Args(string tokenFile) => ["--bootstrap-token-file", tokenFile, "--listen", "http://127.0.0.1:0", "--database", database];

            var e = await Assert.ThrowsAnyAsync<Exception>(() => ControllerServer.StartAsync(Args(Path.Combine(blocker, "bootstrap.token")), folder));
            Assert.IsType<ControllerStartException>(e is AggregateException a ? a.InnerExceptions.Single() : e);

            // Nothing was stored: the next start with a writable file creates the bootstrap token, and it works.
            await using var second = await ControllerServer.StartAsync(Args(Path.Combine(folder, "bootstrap.token")), folder);
            await second.Client().CreateHostAsync(new HostDocument { Name = "h1" });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true); // the second controller's disposal removes it already
            }
        }
    }

    [Fact]
    public async Task TokenReset_ToFile_NewWriteTokenWorksAndFileIsPrivate()
    {
        var file = Path.Combine(_server.Folder, "recovery.token");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TokenReset.RunAsync(["--database", _server.Options.Database, "--token-file", file], _ => null, output, error, TimeProvider.System);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var recovered = _server.Client(File.ReadAllText(file).Trim());
        await recovered.CreateHostAsync(new HostDocument { Name = "h1" });
        Assert.Contains("recovery", (await recovered.ListTokensAsync()).Items.Select(t => t.Name));
    }

    [Fact]
    public async Task TokenReset_Again_OldSecretOfThatNameStops()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();
        Assert.Equal(0, await TokenReset.RunAsync(["--database", _server.Options.Database, "--name", "ops"], _ => null, first, TextWriter.Null, TimeProvider.System));
        Assert.Equal(0, await TokenReset.RunAsync(["--database", _server.Options.Database, "--name", "ops"], _ => null, second, TextWriter.Null, TimeProvider.System));

        var e = await Assert.ThrowsAsync<HnvApiException>(() => _server.Client(first.ToString().Trim().Split('\n')[^1]).ListHostsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        await _server.Client(second.ToString().Trim().Split('\n')[^1]).CreateHostAsync(new HostDocument { Name = "h1" });
    }

    [Theory]
    [InlineData("--database", "/nonexistent/controller.db")]
    [InlineData("--name", "agent-h1")]
    [InlineData("--bogus", "x")]
    public async Task TokenReset_BadCommandLine_ExitsNonZeroWithReason(string option, string value)
    {
        using var error = new StringWriter();

        var exit = await TokenReset.RunAsync([option, value], _ => null, TextWriter.Null, error, TimeProvider.System);

        Assert.NotEqual(0, exit);
        Assert.Contains(option == "--database" ? "no store" : option, error.ToString(), StringComparison.Ordinal);
    }
}
