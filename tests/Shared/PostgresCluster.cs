using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hnv.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class (compiled into each test project that needs one): initdb into a temp folder, pg_ctl start on a Unix socket in
/// it (and no TCP), stop and delete at the end. As root it runs as the postgres user (PostgreSQL refuses root).
/// Each test takes a fresh database from <see cref="NewDatabaseAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-pg-").FullName;
    private string _bin = null!;
    private int _databases;

    private string Data => Path.Combine(_folder, "data");

    private string Sockets => Path.Combine(_folder, "sockets");

    // The cluster listens on a Unix socket only; the port just names the socket file, but keep it unused anyway.
    public int Port { get; } = FreePorts.Next();

    public async Task InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql/*/bin; scripts/setup.sh installs it.");
        Directory.CreateDirectory(Sockets);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", _folder);
        }

        await PgAsync("initdb", "-D", Data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync");
        await PgAsync("pg_ctl", "-D", Data, "-w", "-l", Path.Combine(_folder, "log.txt"), "-o",
            $"-k {Sockets} -p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses='' -c fsync=off -c max_connections=200", "start");
    }

    /// <summary>A connection string to a new, empty database of this cluster.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"hnv{Interlocked.Increment(ref _databases)}";
        await using var source = NpgsqlDataSource.Create(ConnectionString("postgres"));
        await using var command = source.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Restarts the server (fast: open connections are cut, as a crash or an upgrade would); it answers again when this returns.</summary>
    public Task RestartAsync() => PgAsync("pg_ctl", "-D", Data, "-w", "-m", "fast", "-l", Path.Combine(_folder, "log.txt"), "restart");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Sockets, Port = Port, Username = "postgres", Database = database, Pooling = true }.ToString();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-w", "-m", "immediate", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task PgAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
