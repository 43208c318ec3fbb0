using System.Data.Common;
using Hnv.Controller.Model;

namespace Hnv.Controller.Storage;

/// <summary>
/// One write in progress: a transaction holding the writers' lock. Read what other replicas committed, write the
/// next revision, commit. Disposing without a commit rolls everything back.
/// </summary>
internal sealed class StoreWrite(ControllerStore store, DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    /// <summary>The revision the store is at (the last committed one) and when it was committed.</summary>
    public Task<(long Revision, DateTimeOffset At)> LatestAsync(CancellationToken ct) => ControllerStore.LatestAsync(connection, transaction, ct);

    /// <summary>Every stored item, read under the writers' lock (a second connection would wait for it on SQLite).</summary>
    public Task<StoredRevision> LoadAsync(CancellationToken ct) => ControllerStore.LoadAsync(connection, transaction, ct);

    public Task<IReadOnlyList<StoredRevision>> ReadChangesAsync(long after, CancellationToken ct) =>
        ControllerStore.ReadChangesAsync(connection, transaction, after, ct);

    /// <summary>True when the store already holds exactly what <paramref name="change"/> writes (the same body, or no item to delete).</summary>
    public async Task<bool> HoldsAsync(ResourceChange change, CancellationToken ct)
    {
        await using var command = ControllerStore.Command(connection, transaction, "SELECT body FROM resources WHERE kind = @k AND key = @key",
            ("@k", change.Kind.ToString()), ("@key", change.Key));
        var stored = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        return stored == (change.Value is null ? null : ResourceCodec.Serialize(change.Value));
    }

    /// <summary>Drops the change-log rows older than the last <paramref name="kept"/> revisions before <paramref name="revision"/>.</summary>
    public Task CompactAsync(long revision, int kept, CancellationToken ct) =>
        ControllerStore.ExecuteAsync(connection, transaction, "DELETE FROM changes WHERE revision <= @oldest", ct, ("@oldest", revision - kept));

    /// <summary>Writes the items and the change-log rows of <paramref name="revision"/>.</summary>
    public async Task WriteAsync(long revision, DateTimeOffset at, IReadOnlyList<ResourceChange> changes, CancellationToken ct)
    {
        var seq = 0;
        var stamp = at.ToUnixTimeMilliseconds();
        foreach (var change in changes)
        {
            var kind = change.Kind.ToString();
            var body = change.Value is null ? null : ResourceCodec.Serialize(change.Value);
            if (body is null)
            {
                await ControllerStore.ExecuteAsync(connection, transaction, "DELETE FROM resources WHERE kind = @k AND key = @key", ct,
                    ("@k", kind), ("@key", change.Key)).ConfigureAwait(false);
            }
            else
            {
                await ControllerStore.ExecuteAsync(connection, transaction,
                    "INSERT INTO resources (kind, key, body) VALUES (@k, @key, @body) ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body", ct,
                    ("@k", kind), ("@key", change.Key), ("@body", body)).ConfigureAwait(false);
            }

            await ControllerStore.ExecuteAsync(connection, transaction,
                "INSERT INTO changes (revision, seq, kind, key, body, at) VALUES (@r, @s, @k, @key, @body, @at)", ct,
                ("@r", revision), ("@s", seq++), ("@k", kind), ("@key", change.Key), ("@body", body), ("@at", stamp)).ConfigureAwait(false);
        }

        await store.NotifyInAsync(connection, transaction, revision, ct).ConfigureAwait(false);
    }

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
