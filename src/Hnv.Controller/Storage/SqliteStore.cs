using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Hnv.Controller.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so the WAL is synced at every commit
/// and a write answered 2xx survives a crash or power loss (NORMAL would be faster but may lose the last commits
/// on power loss, which an answered write must not). Writers are serialised by BEGIN IMMEDIATE (SQLite's write lock).
/// The file holds token hashes and every tenant's policy, so only its owner may read it (0600; SQLite gives its
/// -wal and -shm files the database file's mode).
/// </summary>
internal sealed class SqliteStore : ControllerStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _connectionString;

    public SqliteStore(string file)
    {
        Location = Path.GetFullPath(file);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Location, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        KeepOwnerOnly(Location);
    }

    public override string Kind => "sqlite";

    /// <inheritdoc />
    protected override string SizeQuery => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

    public override string Location { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            // journal_mode is kept in the file; synchronous and busy_timeout are per connection, so set on every open.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;", ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the file owner-only (an empty file is a new database to SQLite), and tightens one made looser before.</summary>
    private static void KeepOwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using (new FileStream(file, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, UnixCreateMode = OwnerOnly }))
            {
            }

            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                if (File.Exists(path) && File.GetUnixFileMode(path) != OwnerOnly)
                {
                    File.SetUnixFileMode(path, OwnerOnly);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder or file we cannot write: opening the store says so, as SQLite words it.
        }
    }

    protected override async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken ct) =>
        // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE: the write lock is taken now.
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct).ConfigureAwait(false);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}
