using System.Globalization;

namespace Hnv.Controller.Configuration;

/// <summary>
/// Reads the command line. Every problem is listed (not the first only), each naming its option, so one run of
/// the controller tells an operator everything to fix.
/// </summary>
internal static class ControllerOptionsReader
{
    public const string Usage = """
        usage: hnv-controller [--listen ADDRESS]... [--database FILE | --postgres CONNECTION-STRING]
                              [--bootstrap-token-file FILE] [--heartbeat-seconds N]
                              [--certificate cert.pem --certificate-key key.pem] [--replica NAME] [--history N]
                              [--change-log N] [--gateway-timeout-seconds N]
          --listen              http://IP:PORT, https://IP:PORT or unix:/PATH; repeatable (default http://127.0.0.1:8470)
          --database            the SQLite file (default ./hnv-controller.db)
          --postgres            a PostgreSQL connection string (or HNV_POSTGRES); replicas may share it
          --bootstrap-token-file where the first start writes a write token's secret (mode 0600)
          --heartbeat-seconds   seconds between heartbeats on a quiet watch stream (default 5)
          --certificate, --certificate-key  PEM files for https:// listeners
          --replica             this replica's name in status and logs (default HOSTNAME-PID)
          --history             recent revisions kept for watchers resuming with a diff (default 256)
          --change-log          revisions the store's change log keeps for replicas catching up (default 10000)
          --gateway-timeout-seconds  a gateway silent this long counts dead and its domains fail over (default 2;
                                a gateway whose stream closes counts dead at once)
        hnv-controller token reset --help: a new write token for operators locked out
        see docs/controller.md
        """;

    public static ControllerOptions Read(IReadOnlyList<string> args, Func<string, string?> environment, out List<string> problems)
    {
        problems = [];
        var options = new ControllerOptions();
        var listen = new List<ListenAddress>();
        string? database = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                problems.Add("help");
                return options;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"{name}: not an option.");
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problems.Add($"{name}: needs a value.");
                break;
            }

            var value = args[++i];
            switch (name)
            {
                case "--listen":
                    if (ListenAddress.TryParse(value, out var address, out var problem))
                    {
                        listen.Add(address!);
                    }
                    else
                    {
                        problems.Add(problem!);
                    }

                    break;
                case "--database":
                    database = value;
                    break;
                case "--postgres":
                    options = options with { Postgres = value };
                    break;
                case "--bootstrap-token-file":
                    options = options with { BootstrapTokenFile = value };
                    break;
                case "--heartbeat-seconds":
                    options = Seconds(name, value, 0.05, problems) is { } heartbeat ? options with { Heartbeat = heartbeat } : options;
                    break;
                case "--gateway-timeout-seconds":
                    options = Seconds(name, value, 0.5, problems) is { } timeout ? options with { GatewayTimeout = timeout } : options;
                    break;
                case "--certificate":
                    options = options with { Certificate = value };
                    break;
                case "--certificate-key":
                    options = options with { CertificateKey = value };
                    break;
                case "--history":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var history) && history is >= 1 and <= 100_000)
                    {
                        options = options with { History = history };
                    }
                    else
                    {
                        problems.Add($"--history {value}: expected a number of revisions from 1 to 100000.");
                    }

                    break;
                case "--change-log":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kept) && kept is >= 1 and <= 10_000_000)
                    {
                        options = options with { ChangeLog = kept };
                    }
                    else
                    {
                        problems.Add($"--change-log {value}: expected a number of revisions from 1 to 10000000.");
                    }

                    break;
                case "--replica":
                    options = options with { Replica = value };
                    break;
                default:
                    problems.Add($"{name}: not an option of hnv-controller.");
                    break;
            }
        }

        options = options with { Postgres = options.Postgres ?? NonEmpty(environment("HNV_POSTGRES")) };
        if (database is not null && options.Postgres is not null)
        {
            problems.Add("--database and --postgres (or HNV_POSTGRES) both given; choose one store.");
        }

        if (listen.Count == 0)
        {
            listen.Add(new ListenAddress(ControllerOptions.DefaultListen, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8470), false, null));
        }

        if (listen.Any(l => l.Https) && (options.Certificate is null || options.CertificateKey is null))
        {
            problems.Add("An https:// --listen needs --certificate cert.pem and --certificate-key key.pem.");
        }

        if ((options.Certificate is null) != (options.CertificateKey is null))
        {
            problems.Add("--certificate and --certificate-key go together.");
        }

        foreach (var file in new[] { options.Certificate, options.CertificateKey }.OfType<string>())
        {
            if (!File.Exists(file))
            {
                problems.Add($"The certificate file {file} does not exist.");
            }
        }

        return options with { Listen = listen, Database = database ?? ControllerOptions.DefaultDatabase };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A number of seconds from <paramref name="least"/> to an hour, or null with the problem added.</summary>
    private static TimeSpan? Seconds(string option, string value, double least, List<string> problems)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= least && seconds <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: expected a number of seconds from {least} to 3600."));
        return null;
    }
}
