using System.Data.Common;
using Hnv.Client.Access;
using Hnv.Controller.Access;

namespace Hnv.Controller.Storage;

internal abstract partial class ControllerStore
{
    /// <summary>The token whose secret hashes to <paramref name="hash"/>, or null.</summary>
    public async Task<StoredToken?> FindTokenAsync(string hash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var tokens = await ReadTokensAsync(connection, null, "SELECT name, role, host, hash, created, scope FROM tokens WHERE hash = @h", ct, ("@h", hash)).ConfigureAwait(false);
        return tokens.Count == 0 ? null : tokens[0];
    }

    public async Task<IReadOnlyList<StoredToken>> ListTokensAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await ReadTokensAsync(connection, null, "SELECT name, role, host, hash, created, scope FROM tokens ORDER BY name", ct).ConfigureAwait(false);
    }

    /// <summary>Adds a token; false when its name is taken.</summary>
    public async Task<bool> AddTokenAsync(StoredToken token, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var added = await ExecuteAsync(connection, null,
            "INSERT INTO tokens (name, role, host, hash, created, scope) VALUES (@n, @r, @host, @h, @c, @s) ON CONFLICT (name) DO NOTHING", ct,
            ("@n", token.Name), ("@r", token.Scope is null ? token.Role : token.Role + TokenScopes.StoredRoleSuffix), ("@host", token.Host), ("@h", token.Hash),
            ("@c", token.Created.ToUnixTimeMilliseconds()), ("@s", token.Scope))
            .ConfigureAwait(false);
        return added == 1;
    }

    /// <summary>Adds a token unless the table holds any (the bootstrap token); false when it held one already.</summary>
    public async Task<bool> AddFirstTokenAsync(StoredToken token, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginLockedAsync(connection, ct).ConfigureAwait(false);
        await using (var count = Command(connection, transaction, "SELECT COUNT(*) FROM tokens"))
        {
            if (Convert.ToInt64(await count.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }
        }

        await ExecuteAsync(connection, transaction, "INSERT INTO tokens (name, role, host, hash, created) VALUES (@n, @r, NULL, @h, @c)", ct,
            ("@n", token.Name), ("@r", token.Role), ("@h", token.Hash), ("@c", token.Created.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replaces the token of that name, if any (the old secret stops working at once): a host's agent token, a reset write token.</summary>
    public async Task ReplaceTokenAsync(StoredToken token, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM tokens WHERE name = @n", ct, ("@n", token.Name)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "INSERT INTO tokens (name, role, host, hash, created) VALUES (@n, @r, @host, @h, @c)", ct,
            ("@n", token.Name), ("@r", token.Role), ("@host", token.Host), ("@h", token.Hash), ("@c", token.Created.ToUnixTimeMilliseconds()))
            .ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a token, unless it is the last write token: without one nobody could change anything again (the
    /// check and the delete hold the writers' lock, so two replicas cannot each delete one of the last two).
    /// </summary>
    public async Task<TokenDeletion> DeleteTokenAsync(string name, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginLockedAsync(connection, ct).ConfigureAwait(false);
        var tokens = await ReadTokensAsync(connection, transaction, "SELECT name, role, host, hash, created, scope FROM tokens WHERE name = @n OR role = @w", ct,
            ("@n", name), ("@w", TokenRoles.Write)).ConfigureAwait(false);
        var token = tokens.Find(t => t.Name == name);
        if (token is null)
        {
            return TokenDeletion.Missing;
        }

        // A write token limited to some routing domains cannot manage the rest: it does not count as an operator's.
        if (token.Role == TokenRoles.Write && token.Scope is null && tokens.Count(t => t.Role == TokenRoles.Write && t.Scope is null) == 1)
        {
            return TokenDeletion.LastWriteToken;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM tokens WHERE name = @n", ct, ("@n", name)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return TokenDeletion.Deleted;
    }

    /// <summary>Removes a host's agent tokens and report (the host is gone).</summary>
    public async Task ForgetHostAsync(string host, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM tokens WHERE host = @h", ct, ("@h", host)).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM host_reports WHERE host = @h", ct, ("@h", host)).ConfigureAwait(false);
    }

    public async Task SaveReportAsync(StoredHostReport report, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            """
            INSERT INTO host_reports (host, revision, ports, version, reported, detail) VALUES (@h, @r, @p, @v, @at, @d)
            ON CONFLICT (host) DO UPDATE SET revision = excluded.revision, ports = excluded.ports, version = excluded.version, reported = excluded.reported,
                detail = excluded.detail
            """, ct,
            ("@h", report.Host), ("@r", report.Revision), ("@p", report.Ports), ("@v", report.Version), ("@at", report.Reported.ToUnixTimeMilliseconds()),
            ("@d", report.Detail))
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, StoredHostReport>> ListReportsAsync(CancellationToken ct) => await ReadReportsAsync(null, ct).ConfigureAwait(false);

    /// <summary>One host's last report, or null.</summary>
    public async Task<StoredHostReport?> GetReportAsync(string host, CancellationToken ct) =>
        (await ReadReportsAsync(host, ct).ConfigureAwait(false)).GetValueOrDefault(host);

    private async Task<Dictionary<string, StoredHostReport>> ReadReportsAsync(string? only, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var reports = new Dictionary<string, StoredHostReport>(StringComparer.Ordinal);
        await using var command = only is null
            ? Command(connection, null, "SELECT host, revision, ports, version, reported, detail FROM host_reports")
            : Command(connection, null, "SELECT host, revision, ports, version, reported, detail FROM host_reports WHERE host = @h", ("@h", only));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var host = reader.GetString(0);
            reports[host] = new StoredHostReport(host, reader.GetInt64(1), (int)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return reports;
    }

    private static async Task<List<StoredToken>> ReadTokensAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        var tokens = new List<StoredToken>();
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4));
            var role = reader.GetString(1);
            var scoped = role.EndsWith(TokenScopes.StoredRoleSuffix, StringComparison.Ordinal);
            // A scoped role without its scope reaches nothing ("" parses to no domain), never everything.
            var scope = scoped ? (reader.IsDBNull(5) ? "" : reader.GetString(5)) : null;
            var host = reader.IsDBNull(2) ? null : reader.GetString(2);
            var token = new StoredToken(reader.GetString(0), scoped ? role[..^TokenScopes.StoredRoleSuffix.Length] : role, host, reader.GetString(3), created);
            tokens.Add(token with { Scope = scope });
        }

        return tokens;
    }
}
