using System.Diagnostics;
using System.Globalization;
using Hnv.Client;
using Hnv.Client.Trace;

namespace Hnv.ControlPlane.Bench;

/// <summary>
/// How fast POST /trace answers with the whole policy loaded (issue 15: under a second at 10^6 records): traces between
/// random NICs of one routing domain, timed end to end through the API; the anchor is GET of one NIC through the same
/// client, so the ratio says what a trace costs beyond a plain read.
/// </summary>
internal static class TraceRun
{
    public static async Task RunAsync(HnvClient client, BenchOptions options)
    {
        var random = new Random(7);
        var perDomain = options.Records / options.Domains;
        var traces = new List<double>();
        var anchors = new List<double>();
        var delivered = 0;
        for (var t = 0; t < options.Traces; t++)
        {
            var domain = random.Next(options.Domains);
            var from = domain * perDomain + random.Next(perDomain);
            var to = random.Next(perDomain);
            var destination = $"10.0.{(to / 250) + 1}.{(to % 250) + 2}";
            var started = Stopwatch.GetTimestamp();
            await client.GetNetworkInterfaceAsync($"nic{from}");
            anchors.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            var result = await client.TraceAsync(new TraceRequest { From = $"nic{from}", To = destination, Protocol = "tcp" });
            traces.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            delivered += result.Verdict == "delivered" ? 1 : 0;
        }

        var inv = CultureInfo.InvariantCulture;
        var (median, p99, anchor) = (Percentile(traces, 0.5), Percentile(traces, 0.99), Percentile(anchors, 0.5));
        Console.WriteLine(string.Create(inv,
            $"trace: median {median:F2} ms, p99 {p99:F2} ms, max {traces.Max():F2} ms over {traces.Count} traces ({delivered} delivered); anchor GET one NIC median {anchor:F2} ms; trace/anchor {median / anchor:F2}"));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
