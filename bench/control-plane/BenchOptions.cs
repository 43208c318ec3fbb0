using System.Globalization;

namespace Hnv.ControlPlane.Bench;

/// <summary>
/// The benchmark's shape: at scale 1, 10^6 lookup records (one NIC with one CA each) in 10^4 routing domains over
/// 10^3 hosts, each domain's NICs spread over <see cref="Spread"/> hosts, and 1,000 watching agents.
/// </summary>
internal sealed record BenchOptions(double Scale, int Spread, int Changes, int BatchSize, string Controller, int HistoryUpdates = 0, int Traces = 200)
{
    public int Hosts => Math.Max(2, (int)(1_000 * Scale));

    public int Domains => Math.Max(2, (int)(10_000 * Scale));

    public int Records => Math.Max(Domains, (int)(1_000_000 * Scale));

    public int Watchers => Hosts;

    public static BenchOptions Parse(string[] args)
    {
        var scale = 1.0;
        var spread = 4;
        var changes = 200;
        var batch = 5_000;
        string? controller = null;
        var historyUpdates = 0;
        var traces = 200;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--scale":
                    scale = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--spread":
                    spread = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--changes":
                    changes = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--batch":
                    batch = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--history-updates":
                    historyUpdates = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--traces":
                    traces = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--controller":
                    controller = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; expected --scale, --spread, --changes, --batch, --history-updates, --traces, --controller.");
            }
        }

        return new BenchOptions(scale, spread, changes, batch, controller ?? throw new ArgumentException("--controller PATH/hnv-controller.dll is required."), historyUpdates, traces);
    }
}
