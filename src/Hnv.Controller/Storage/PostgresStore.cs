using System.Data.Common;
using Npgsql;

namespace Hnv.Controller.Storage;

/// <summary>
/// The shared store for several replicas: PostgreSQL. Writers serialise on a transaction-level advisory lock
/// (released by commit or rollback, so a crashed replica never holds it), which makes revisions gap-free and lets
/// the writer validate against the latest state. A commit NOTIFYs the other replicas, which then read the change
/// log after their revision; a periodic read covers a notification lost with a dropped connection.
/// </summary>
internal sealed partial class PostgresStore : ControllerStore
{
    /// <summary>The advisory lock's key: any fixed number; "hnv" in ASCII.</summary>
    private const long WriterLock = 0x686E76;
    private const string Channel = "hnv_changes";

    private readonly NpgsqlDataSource _source;
    private readonly CancellationTokenSource _stop = new();
    private Task? _listener;

    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Kind => "postgresql";

    /// <inheritdoc />
    protected override string SizeQuery => "SELECT pg_database_size(current_database())";

    public override string Location { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", ct, ("@k", WriterLock)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task NotifyAsync(DbConnection connection, DbTransaction transaction, long revision, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, "SELECT pg_notify(@c, @r)", ct,
            ("@c", Channel), ("@r", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public override Task StartListeningAsync(CancellationToken ct)
    {
        _listener = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
                connection.Notification += (_, _) => OnChangedElsewhere();
                await ExecuteAsync(connection, null, $"LISTEN {Channel}", ct).ConfigureAwait(false);
                // Anything committed while no one listened is read now.
                OnChangedElsewhere();
                while (!ct.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false))
                    {
                        // No notification for a while: read anyway, in case one was lost.
                        OnChangedElsewhere();
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            try
            {
                await _listener.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
        await _source.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
