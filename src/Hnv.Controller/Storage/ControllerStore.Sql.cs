using System.Data.Common;
using Hnv.Controller.Model;

namespace Hnv.Controller.Storage;

internal abstract partial class ControllerStore
{
    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal static async Task<(long Revision, DateTimeOffset At)> LatestAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, "SELECT revision, at FROM changes ORDER BY revision DESC, seq DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? (reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : (0, DateTimeOffset.UnixEpoch);
    }

    internal static async Task<IReadOnlyList<StoredRevision>> ReadChangesAsync(DbConnection connection, DbTransaction? transaction, long after, CancellationToken ct)
    {
        var revisions = new List<StoredRevision>();
        await using var command = Command(connection, transaction,
            "SELECT revision, at, kind, key, body FROM changes WHERE revision > @after ORDER BY revision, seq", ("@after", after));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        List<ResourceChange>? current = null;
        var expected = after + 1;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var revision = reader.GetInt64(0);
            if (current is null || revisions[^1].Revision != revision)
            {
                if (revision != expected)
                {
                    break;
                }

                current = [];
                revisions.Add(new StoredRevision(revision, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), current));
                expected++;
            }

            var kind = Enum.Parse<ResourceKind>(reader.GetString(2));
            var key = reader.GetString(3);
            current.Add(new ResourceChange(kind, key, reader.IsDBNull(4) ? null : ResourceCodec.Deserialize(kind, key, reader.GetString(4))));
        }

        return revisions;
    }

    internal Task NotifyInAsync(DbConnection connection, DbTransaction transaction, long revision, CancellationToken ct) =>
        NotifyAsync(connection, transaction, revision, ct);
}
