using Hnv.Client.Access;
using Hnv.Controller.Access;
using Hnv.Controller.Configuration;
using Hnv.Controller.Storage;

namespace Hnv.Controller.Hosting;

/// <summary>
/// `hnv-controller token reset`: the way back in for operators who lost every write token. Run on the controller's
/// machine against its store (whoever can open the store is trusted already); it replaces a write token of that
/// name with a new secret, written to --token-file (0600) before the store changes, or printed.
/// </summary>
internal static class TokenReset
{
    public const string Usage = """
        usage: hnv-controller token reset [--database FILE | --postgres CONNECTION-STRING] [--name NAME] [--token-file FILE]
          --database    the SQLite file (default ./hnv-controller.db)
          --postgres    a PostgreSQL connection string (or HNV_POSTGRES)
          --name        the write token to create or replace (default recovery)
          --token-file  where to write the new secret (mode 0600); without it the secret is printed
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, TextWriter error, TimeProvider time)
    {
        string? database = null, postgres = null, file = null;
        var name = "recovery";
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--database" when value is not null: database = value; i++; break;
                case "--postgres" when value is not null: postgres = value; i++; break;
                case "--name" when value is not null: name = value; i++; break;
                case "--token-file" when value is not null: file = value; i++; break;
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default: problems.Add(value is null && args[i].StartsWith("--", StringComparison.Ordinal) ? $"{args[i]}: needs a value." : $"{args[i]}: not an option of token reset."); break;
            }
        }

        postgres ??= environment("HNV_POSTGRES") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (database is not null && postgres is not null)
        {
            problems.Add("--database and --postgres (or HNV_POSTGRES) both given; choose one store.");
        }

        if (!TokenNames.IsOperatorName(name))
        {
            problems.Add($"--name {name}: expected {TokenNames.Rule}.");
        }

        if (problems.Count > 0)
        {
            await error.WriteLineAsync("hnv-controller token reset: " + string.Join(" ", problems) + "\n" + Usage).ConfigureAwait(false);
            return 2;
        }

        database ??= ControllerOptions.DefaultDatabase;
        if (postgres is null && !File.Exists(database))
        {
            await error.WriteLineAsync($"hnv-controller token reset: there is no store at {Path.GetFullPath(database)}; name the controller's --database.").ConfigureAwait(false);
            return 1;
        }

        var secret = TokenSecrets.NewSecret();
        try
        {
            var written = file is null ? null : await StagedSecretFile.WriteAsync(file, secret, CancellationToken.None).ConfigureAwait(false);
            await using (var store = ControllerStore.Open(postgres, database))
            {
                await store.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
                await store.ReplaceTokenAsync(new StoredToken(name, TokenRoles.Write, null, TokenSecrets.Hash(secret), time.GetUtcNow()), CancellationToken.None)
                    .ConfigureAwait(false);
            }

            written?.Publish();
            await output.WriteLineAsync(written is null
                ? $"Write token {name} reset; its secret (shown once):\n{secret}"
                : $"Write token {name} reset; its secret is in {written.Path} (mode 0600).").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"hnv-controller token reset: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
