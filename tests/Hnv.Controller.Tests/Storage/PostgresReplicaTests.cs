using System.Net;
using Hnv.Client;
using Hnv.Client.Watch;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Tests.Shared;
using Npgsql;

namespace Hnv.Controller.Tests.Storage;

/// <summary>Two controller replicas on one real PostgreSQL: changes cross replicas, revisions stay gap-free.</summary>
[Trait("tier", "service")]
public sealed class PostgresReplicaTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private string _database = null!;
    private string _folder = null!;
    private ControllerServer _a = null!;
    private ControllerServer _b = null!;

    public async Task InitializeAsync()
    {
        _database = await cluster.NewDatabaseAsync();
        var folder = _folder = Directory.CreateTempSubdirectory("hnv-replicas-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        Directory.CreateDirectory(Path.Combine(folder, "b"));
        // Both replicas start at once: the migration runs once, under the writers' lock.
        var a = ControllerServer.StartAsync(Path.Combine(folder, "a"), _database, heartbeatSeconds: 0.5, replica: "a");
        var b = ControllerServer.StartAsync(Path.Combine(folder, "b"), _database, heartbeatSeconds: 0.5, replica: "b");
        _a = await a;
        _b = await b;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Token => File.Exists(_a.TokenFile) ? _a.Token : _b.Token;

    [Fact]
    public async Task Start_TwoReplicas_OneBootstrapTokenAndOneMigration()
    {
        Assert.True(File.Exists(_a.TokenFile) ^ File.Exists(_b.TokenFile));
        await using var source = NpgsqlDataSource.Create(_database);
        await using var command = source.CreateCommand("SELECT COUNT(*) FROM schema_version");
        Assert.Equal((long)Hnv.Controller.Storage.Migrations.Steps.Count, await command.ExecuteScalarAsync()); // each step once, not once per replica
        Assert.Equal("postgresql", (await _a.Client(Token).GetStatusAsync()).Store);
    }

    [Fact]
    public async Task Watch_TokenDeletedThroughOtherReplica_StreamEndsByNextHeartbeat()
    {
        var a = _a.Client(Token);
        await Sample.WorldAsync(a);
        var token = await a.CreateTokenAsync(new Hnv.Client.Access.TokenDocument { Name = "viewer", Role = Hnv.Client.Access.TokenRoles.Read });
        await using var watcher = new Watcher(_b.Client(token.Secret), "h1");
        await watcher.NextAsync();

        await a.DeleteTokenAsync("viewer");

        // Replica b hears nothing of the delete; its heartbeat (0.5 s) checks the token again.
        Assert.True(await watcher.EndsAsync(5), "replica b kept streaming to a token deleted through replica a");
    }

    [Fact]
    public async Task Write_ThroughReplicaA_ReachesWatcherOfReplicaB()
    {
        var a = _a.Client(Token);
        await Sample.WorldAsync(a);
        await using var watcher = new Watcher(_b.Client(Token), "h1");
        await watcher.NextAsync();

        await Sample.NicAsync(a, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var change = await watcher.NextChangeAsync();
        Assert.Equal(WatchEventKinds.Change, change.Kind);
        Assert.Equal(a.LastRevision, change.Revision);
        Assert.Equal("10.0.0.11", change.Upsert!.LookupRecords.Single().Ca);
        Assert.Equal("vm1", (await _b.Client(Token).GetNetworkInterfaceAsync("vm1")).Name);
    }

    [Fact]
    public async Task ConcurrentWrites_BothReplicas_GapFreeRevisionsNoLostUpdate()
    {
        var a = _a.Client(Token);
        var b = _b.Client(Token);
        await Sample.WorldAsync(a);
        var start = a.LastRevision!.Value;
        const int perReplica = 25;
        var writes = Enumerable.Range(0, perReplica).SelectMany(i => new[]
        {
            Sample.NicAsync(a, $"a{i}", "h1", 5001, $"02:00:00:00:0a:{i:x2}", $"10.0.0.{10 + i}"),
            Sample.NicAsync(b, $"b{i}", "h2", 5001, $"02:00:00:00:0b:{i:x2}", $"10.0.0.{100 + i}"),
        });
        await Task.WhenAll(writes);

        // A conflicting pair: the same CA through both replicas at once; exactly one wins.
        var racing = await Task.WhenAll(TryAsync(Sample.NicAsync(a, "x1", "h1", 5001, "02:00:00:00:0c:01", "10.0.0.200")),
            TryAsync(Sample.NicAsync(b, "x2", "h2", 5001, "02:00:00:00:0c:02", "10.0.0.200")));
        Assert.Single(racing, ok => ok);

        await using var source = NpgsqlDataSource.Create(_database);
        await using var command = source.CreateCommand("SELECT revision FROM changes WHERE revision > @r ORDER BY revision");
        command.Parameters.AddWithValue("r", start);
        var revisions = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                revisions.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, (2 * perReplica) + 1).Select(i => start + i), revisions);
        var expected = start + (2 * perReplica) + 1;
        await WaitForAsync(() => _a.Engine.Current.Revision == expected && _b.Engine.Current.Revision == expected);
        Assert.Equal((2 * perReplica) + 1, (await a.ListNetworkInterfacesAsync()).Items.Count);
        Assert.Equal((2 * perReplica) + 1, (await b.ListLookupRecordsAsync(5001)).Items.Count);
    }

    private static async Task<bool> TryAsync(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (HnvApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the replicas did not reach the same revision within 10 s");
            await Task.Delay(20);
        }
    }
}
