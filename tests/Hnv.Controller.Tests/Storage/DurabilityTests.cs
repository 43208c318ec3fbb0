using System.Net;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Hnv.Controller.Tests.Storage;

/// <summary>An answered write is in the SQLite file; restarts keep everything; a failing store leaves nothing behind.</summary>
[Trait("tier", "service")]
public sealed class DurabilityTests : IAsyncLifetime
{
    private ControllerServer _server = null!;

    public async Task InitializeAsync() => _server = await ControllerServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Store_FileAndWal_AreOwnerOnly()
    {
        var client = _server.Client();
        await client.CreateHostAsync(new() { Name = "mode-probe" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_server.Options.Database));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_server.Options.Database + "-wal"));
    }

    [Fact]
    public async Task Write_ThenRestart_Survives()
    {
        var client = _server.Client();
        await Sample.WorldAsync(client);
        await Sample.NicAsync(client, "vm1", "h2", 5001, "02:00:00:00:00:01", "10.0.0.11", "fd00::11");
        var revision = client.LastRevision;
        var records = await ListAllAsync(client);

        _server = await _server.RestartAsync();
        var after = _server.Client();
        Assert.Equal(records, await ListAllAsync(after));
        Assert.Equal(revision, (await after.GetStatusAsync()).Revision);
        await after.CreateHostAsync(new HostDocument { Name = "h4" });
        Assert.Equal(revision + 1, after.LastRevision);
    }

    [Fact]
    public async Task Watch_ResumeFromBeforeRestart_Snapshot()
    {
        var client = _server.Client();
        await Sample.WorldAsync(client);
        await Sample.NicAsync(client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var agentAt = client.LastRevision!.Value;
        await client.DeleteNetworkInterfaceAsync("vm1");

        // The restarted controller keeps no history: it cannot tell what changed since, so it sends the whole view.
        _server = await _server.RestartAsync();
        await using var watcher = new Watcher(_server.Client(), "h1", agentAt);
        var first = await watcher.NextAsync();
        Assert.Equal(Hnv.Client.Watch.WatchEventKinds.Snapshot, first.Kind);
        Assert.Empty(first.Policy!.RoutingDomains);
    }

    [Fact]
    public async Task Start_Twice_MigrationsRunOnce()
    {
        _server = await _server.RestartAsync();
        var versions = await QueryAsync("SELECT version FROM schema_version ORDER BY version");
        Assert.Equal(Hnv.Controller.Storage.Migrations.Steps.Select(m => m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), versions);
    }

    [Fact]
    public async Task Store_Journal_IsWal()
    {
        Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode"));
        await Task.CompletedTask;
    }

    /// <summary>
    /// The store refuses the change-log row (a real SQLite error raised by a trigger, after the item's own row was
    /// written in the same transaction): the answer is 503 with the store's reason, and neither the store nor the
    /// controller's memory holds any part of the write. Revisions stay gap-free afterwards.
    /// </summary>
    [Fact]
    public async Task Write_StoreFails_LeavesNothingBehind()
    {
        var client = _server.Client();
        await Sample.HostAsync(client, "h1", "192.0.2.1");
        var revision = client.LastRevision;
        await ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");

        var e = await Assert.ThrowsAsync<HnvApiException>(() => client.CreateHostAsync(new HostDocument { Name = "h2" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Contains("disk is full", e.Message, StringComparison.Ordinal);
        Assert.Equal(revision, client.LastRevision);
        Assert.Equal(["h1"], (await client.ListHostsAsync()).Items.Select(h => h.Name));
        Assert.Equal(["0"], await QueryAsync("SELECT COUNT(*) FROM resources WHERE key = 'h2'"));

        await ExecuteAsync("DROP TRIGGER refuse");
        await client.CreateHostAsync(new HostDocument { Name = "h2" });
        Assert.Equal(revision + 1, client.LastRevision);
    }

    [Fact]
    public async Task Health_StoreGone_Unavailable()
    {
        using var http = _server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ApiPaths.Health)).StatusCode);
        // The store's folder becomes a file's name: SQLite cannot open it any more.
        var folder = Path.GetDirectoryName(_server.Options.Database)!;
        var moved = folder + ".moved";
        SqliteConnection.ClearAllPools();
        Directory.Move(folder, moved);
        try
        {
            await File.WriteAllTextAsync(folder, "not a folder");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(ApiPaths.Health)).StatusCode);
        }
        finally
        {
            File.Delete(folder);
            Directory.Move(moved, folder);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ApiPaths.Health)).StatusCode);
    }

    private static async Task<string> ListAllAsync(HnvClient client) =>
        string.Join('\n',
            (await client.ListLookupRecordsAsync()).Items.Select(r => $"{r.Vsid} {r.Ca} {r.Mac} {r.Pa} {r.Source}")
                .Concat((await client.ListNetworkInterfacesAsync()).Items.Select(n => $"{n.Name} {n.Host}"))
                .Concat((await client.ListVirtualSubnetsAsync()).Items.Select(s => $"{s.Vsid} {s.Rdid}"))
                .Concat((await client.ListProviderAddressesAsync()).Items.Select(a => $"{a.Host} {a.Pa}")));

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_server.Options.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_server.Options.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
