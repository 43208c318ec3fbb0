namespace Hnv.Controller.Configuration;

/// <summary>How the controller runs, read from its command line (see <see cref="ControllerOptionsReader"/>).</summary>
internal sealed record ControllerOptions
{
    /// <summary>Where the embedded store lives when no PostgreSQL is given.</summary>
    public const string DefaultDatabase = "hnv-controller.db";

    public const string DefaultListen = "http://127.0.0.1:8470";

    public IReadOnlyList<ListenAddress> Listen { get; init; } = [];

    /// <summary>The SQLite file (used when <see cref="Postgres"/> is null).</summary>
    public string Database { get; init; } = DefaultDatabase;

    /// <summary>A PostgreSQL connection string: several replicas may share it.</summary>
    public string? Postgres { get; init; }

    public string? BootstrapTokenFile { get; init; }

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A gateway not heard from for this long is counted dead and its domains fail over (a closed stream counts at once).</summary>
    public TimeSpan GatewayTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public string? Certificate { get; init; }

    public string? CertificateKey { get; init; }

    /// <summary>This replica's name in status answers and logs.</summary>
    public string Replica { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How many recent revisions are kept in memory for watchers resuming with a diff.</summary>
    public int History { get; init; } = 256;

    /// <summary>How many revisions the store's change log keeps; a replica further behind reloads the whole state.</summary>
    public int ChangeLog { get; init; } = 10_000;
}
