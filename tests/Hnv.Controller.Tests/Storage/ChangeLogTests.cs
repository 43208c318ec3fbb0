using System.Globalization;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Hnv.Controller.Tests.Storage;

/// <summary>
/// History stays bounded: a write that changes nothing is no revision, the store's change log keeps its window,
/// and a replica that fell behind the window reloads the whole state instead of stalling.
/// </summary>
[Trait("tier", "service")]
public sealed class ChangeLogTests : IAsyncLifetime
{
    private const int Window = 5;
    private ControllerServer _server = null!;

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        _server = await ControllerServer.StartAsync(Args(folder, Path.Combine(folder, "controller.db")), folder);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Put_WhatIsAlreadyThere_IsNoRevisionAndNoChangeRow()
    {
        var client = _server.Client();
        await client.CreateHostAsync(new HostDocument { Name = "h1", Description = "rack 1" });
        var revision = _server.Engine.Current.Revision;
        var rows = await ChangeRowsAsync();

        await client.UpdateHostAsync("h1", new HostDocument { Name = "h1", Description = "rack 1" });
        await client.UpdateHostAsync("h1", new HostDocument { Name = "h1", Description = "rack 1" });

        Assert.Equal(revision, _server.Engine.Current.Revision);
        Assert.Equal(rows, await ChangeRowsAsync());
        await client.UpdateHostAsync("h1", new HostDocument { Name = "h1", Description = "rack 2" });
        Assert.Equal(revision + 1, _server.Engine.Current.Revision);
    }

    [Fact]
    public async Task ManyWrites_TheChangeLogKeepsItsWindow()
    {
        var client = _server.Client();
        await client.CreateHostAsync(new HostDocument { Name = "h1" });
        for (var i = 0; i < 40; i++)
        {
            await client.UpdateHostAsync("h1", new HostDocument { Name = "h1", Description = $"write {i}" });
        }

        var latest = _server.Engine.Current.Revision;
        var (count, oldest) = await RevisionsInLogAsync();
        Assert.Equal(Window, count);
        Assert.Equal(latest - Window + 1, oldest);
    }

    [Fact]
    public async Task ReplicaBehindTheWindow_ReloadsAndWritesOnTop()
    {
        var client = _server.Client();
        await client.CreateHostAsync(new HostDocument { Name = "h0" });
        var folder = Directory.CreateTempSubdirectory("hnv-controller-b-").FullName;
        await using var behind = await ControllerServer.StartAsync(Args(folder, _server.Options.Database), folder);
        for (var i = 1; i <= 3 * Window; i++)
        {
            await client.CreateHostAsync(new HostDocument { Name = $"h{i}" });
        }

        await behind.Client(_server.Token).CreateHostAsync(new HostDocument { Name = "from-b" });

        Assert.Equal(_server.Engine.Current.Revision + 1, behind.Engine.Current.Revision);
        Assert.Equal(3 * Window + 2, behind.Engine.Current.Hosts.Count);
    }

    private static List<string> Args(string folder, string database) =>
    [
        "--bootstrap-token-file", Path.Combine(folder, "bootstrap.token"), "--listen", "http://127.0.0.1:0", "--database", database,
        "--change-log", Window.ToString(CultureInfo.InvariantCulture),
    ];

    private async Task<long> ChangeRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_server.Options.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM changes";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(long Count, long Oldest)> RevisionsInLogAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_server.Options.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT revision), MIN(revision) FROM changes";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
