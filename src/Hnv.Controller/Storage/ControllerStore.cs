using System.Data.Common;
using Hnv.Controller.Model;

namespace Hnv.Controller.Storage;

/// <summary>
/// The controller's durable store: the current items (resources), the change log (changes, one or more rows per
/// revision, gap-free), tokens and host reports. The SQL is shared; SQLite and PostgreSQL differ in how a
/// connection is opened, how writers are serialised and how other replicas hear of a change.
/// </summary>
internal abstract partial class ControllerStore : IAsyncDisposable
{
    /// <summary>The store on <paramref name="postgres"/> when given, else the SQLite file <paramref name="database"/>.</summary>
    public static ControllerStore Open(string? postgres, string database) => postgres is null ? new SqliteStore(database) : new PostgresStore(postgres);

    /// <summary>"sqlite" or "postgresql" (the status's <c>store</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Where the data lives, fit for a log line (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Raised when another replica may have committed a change (PostgreSQL NOTIFY); SQLite has one writer.</summary>
    public event Action? ChangedElsewhere;

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Begins a transaction that holds the writers' lock until it ends, so revisions are gap-free.</summary>
    protected abstract Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Tells other replicas (inside <paramref name="transaction"/>, so only a commit tells them).</summary>
    protected virtual Task NotifyAsync(DbConnection connection, DbTransaction transaction, long revision, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Starts listening for other replicas' changes, if the store has any.</summary>
    public virtual Task StartListeningAsync(CancellationToken ct) => Task.CompletedTask;

    protected void OnChangedElsewhere() => ChangedElsewhere?.Invoke();

    /// <summary>Runs the migrations not yet applied, under the writers' lock (replicas may start together).</summary>
    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginLockedAsync(connection, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, Migrations.VersionTable, ct).ConfigureAwait(false);
        var applied = new HashSet<long>();
        await using (var command = Command(connection, transaction, "SELECT version FROM schema_version"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        var count = 0;
        foreach (var (version, sql) in Migrations.Steps)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, sql, ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, applied) VALUES (@v, @at)", ct,
                ("@v", version), ("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            count++;
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return count;
    }

    /// <summary>The schema versions applied, in order.</summary>
    public async Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var versions = new List<int>();
        await using var command = Command(connection, null, "SELECT version FROM schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            versions.Add((int)reader.GetInt64(0));
        }

        return versions;
    }

    /// <summary>Every stored item and the revision they are at, read in one transaction.</summary>
    public async Task<StoredRevision> LoadAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct).ConfigureAwait(false);
        var stored = await LoadAsync(connection, transaction, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Every stored item and the revision they are at, read in <paramref name="transaction"/>.</summary>
    internal static async Task<StoredRevision> LoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var (revision, at) = await LatestAsync(connection, transaction, ct).ConfigureAwait(false);
        var changes = new List<ResourceChange>();
        await using (var command = Command(connection, transaction, "SELECT kind, key, body FROM resources"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var kind = Enum.Parse<ResourceKind>(reader.GetString(0));
                var key = reader.GetString(1);
                changes.Add(new ResourceChange(kind, key, ResourceCodec.Deserialize(kind, key, reader.GetString(2))));
            }
        }

        return new StoredRevision(revision, at, changes);
    }

    /// <summary>The last committed revision and when it was committed (0 for an empty store).</summary>
    public async Task<(long Revision, DateTimeOffset At)> LatestAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await LatestAsync(connection, null, ct).ConfigureAwait(false);
    }

    /// <summary>The revisions after <paramref name="after"/>, in order, stopping at the first gap.</summary>
    public async Task<IReadOnlyList<StoredRevision>> ReadChangesAsync(long after, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await ReadChangesAsync(connection, null, after, ct).ConfigureAwait(false);
    }

    /// <summary>The store's size in bytes, as the database counts it (for /metrics), or null when it does not answer.</summary>
    public async Task<long?> SizeAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            await using var command = Command(connection, null, SizeQuery);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return null;
        }
    }

    /// <summary>One number: the database's size in bytes.</summary>
    protected abstract string SizeQuery { get; }

    /// <summary>True when the store answers a query.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            await using var command = Command(connection, null, "SELECT 1");
            await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Takes the writers' lock; the caller catches up, validates, then <see cref="StoreWrite.WriteAsync"/> and commits.</summary>
    public async Task<StoreWrite> BeginWriteAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await BeginLockedAsync(connection, ct).ConfigureAwait(false);
            return new StoreWrite(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
