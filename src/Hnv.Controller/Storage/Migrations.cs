namespace Hnv.Controller.Storage;

/// <summary>
/// The schema, as numbered steps run once each at start and recorded in schema_version. The SQL is the common
/// subset of SQLite and PostgreSQL. Never edit a step that has shipped: add the next one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (1, """
            CREATE TABLE resources (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key));
            CREATE TABLE changes (revision BIGINT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT,
                at BIGINT NOT NULL, PRIMARY KEY (revision, seq));
            CREATE TABLE tokens (name TEXT PRIMARY KEY, role TEXT NOT NULL, host TEXT, hash TEXT NOT NULL UNIQUE, created BIGINT NOT NULL);
            CREATE TABLE host_reports (host TEXT PRIMARY KEY, revision BIGINT NOT NULL, ports INTEGER NOT NULL, version TEXT,
                reported BIGINT NOT NULL);
            """),
        (2, "ALTER TABLE tokens ADD COLUMN scope TEXT"),
        (3, "ALTER TABLE host_reports ADD COLUMN detail TEXT"),
    ];

    public const string VersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)";
}
