using Hnv.Client.Access;
using Hnv.Controller.Access;
using Hnv.Controller.Storage;
using Hnv.Controller.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Hnv.Controller.Tests.Storage;

/// <summary>A store made by an older controller (schema version 1) is migrated at start, and what it held keeps working.</summary>
[Trait("tier", "service")]
public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-migrate-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_folder)) // the server removes its folder when it is disposed
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_OnAVersion1Store_AddsTheTokenScope_OldTokensStillWork()
    {
        var database = Path.Combine(_folder, "controller.db");
        const string secret = "hnv_an-operators-secret-from-before";
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync();
            foreach (var sql in new[]
            {
                Migrations.VersionTable,
                Migrations.Steps[0].Sql,
                "INSERT INTO schema_version (version, applied) VALUES (1, 0)",
                $"INSERT INTO tokens (name, role, host, hash, created) VALUES ('ops', 'write', NULL, '{TokenSecrets.Hash(secret)}', 0)",
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        await using var server = await ControllerServer.StartAsync(
            ["--bootstrap-token-file", Path.Combine(_folder, "bootstrap.token"), "--listen", "http://127.0.0.1:0", "--database", database], _folder);

        var ops = server.Client(secret);
        var tokens = (await ops.ListTokensAsync()).Items;
        Assert.Null(Assert.Single(tokens).RoutingDomains); // reaches everything, as before
        Assert.False(File.Exists(Path.Combine(_folder, "bootstrap.token"))); // a store with a token gets no bootstrap one
        var scoped = await ops.CreateTokenAsync(new TokenDocument { Name = "blue", Role = TokenRoles.Read, RoutingDomains = [Sample.Blue] });
        Assert.Equal([Sample.Blue], scoped.RoutingDomains!);
    }
}
