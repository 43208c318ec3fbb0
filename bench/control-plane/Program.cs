using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hnv.Client;
using Hnv.ControlPlane.Bench;

// The control-plane benchmark (docs/architecture.md, "Performance, measured"): load 10^6 lookup records through the
// controller's API, attach 1,000 watching agents, then measure how long a write takes to reach every agent it
// concerns, with the controller's and the agents' memory. --scale 0.01 for a quick run.
var options = BenchOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"control-plane: {options.Records} records, {options.Domains} routing domains, {options.Hosts} hosts, {options.Watchers} agents, spread {options.Spread}"));

await using var controller = await ControllerProcess.StartAsync(options.Controller);
using var http = controller.Address.CreateHttpClient(h => h.MaxConnectionsPerServer = int.MaxValue);
http.DefaultRequestHeaders.Authorization = new("Bearer", controller.Token);
var client = new HnvClient(http);

if (options.HistoryUpdates > 0)
{
    await HistoryRun.RunAsync(client, controller, options.HistoryUpdates);
    return 0;
}

var loader = new Loader(http, options);
var loadSeconds = await loader.LoadAsync();
Console.WriteLine(string.Create(inv, $"load: {options.Records / loadSeconds:F0} records/s ({options.Records} records in {loadSeconds:F1} s, batches of {options.BatchSize})"));
GC.Collect();
Console.WriteLine(string.Create(inv, $"controller memory after load: working set {controller.WorkingSet() / 1048576.0:F0} MiB ({(double)controller.WorkingSet() / options.Records:F0} bytes per record)"));

if (options.Traces > 0)
{
    await TraceRun.RunAsync(client, options);
}

GC.Collect();
GC.WaitForPendingFinalizers();
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
using var stop = new CancellationTokenSource();
var agents = Enumerable.Range(0, options.Watchers).Select(h => new SimulatedAgent(client, Loader.HostName(h))).ToList();
var clock = Stopwatch.StartNew();
// Agents connect 100 at a time, as a fleet would come up; each frees its slot when its snapshot is built.
using var connecting = new SemaphoreSlim(100);
var streams = agents.Select(a => Task.Run(async () =>
{
    await connecting.WaitAsync();
    var run = a.RunAsync(stop.Token);
    await Task.WhenAny(a.FirstSnapshot, run);
    connecting.Release();
    await run;
})).ToList();
await Task.WhenAll(agents.Select(a => a.FirstSnapshot));
Console.WriteLine(string.Create(inv, $"snapshots: {agents.Count} agents had their view after {clock.Elapsed.TotalSeconds:F1} s (the agents spent {agents.Sum(a => a.BuildTime.TotalSeconds):F1} s validating and building them, summed over agents)"));
var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
var held = agents.Sum(a => (long)a.Records);
Console.WriteLine(string.Create(inv, $"agent memory: {(heapAfter - heapBefore) / 1048576.0:F0} MiB for {held} records held ({(double)(heapAfter - heapBefore) / held:F0} bytes per record, streams included)"));
Console.WriteLine(string.Create(inv, $"controller memory with {agents.Count} watchers: working set {controller.WorkingSet() / 1048576.0:F0} MiB"));

// Changes: one new NIC at a time in a random routing domain; it concerns the agents of that domain's hosts.
var random = new Random(1);
var perAgent = new List<double>();
var perChange = new List<double>();
var byHost = agents.ToDictionary(a => a.Host);
for (var c = 0; c < options.Changes; c++)
{
    var domain = random.Next(options.Domains);
    var nic = options.Records / options.Domains + c + 1;
    var hosts = Enumerable.Range(0, options.Spread).Select(k => Loader.HostName(loader.HostOf(domain, k))).Distinct().ToList();
    var started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsJsonAsync(ApiPaths.NetworkInterfaces, loader.Nic($"change{c}", domain, nic, 1L << 36 | (uint)c), BenchJson.Default.JsonObject);
    response.EnsureSuccessStatusCode();
    var revision = long.Parse(response.Headers.GetValues(ApiPaths.RevisionHeader).Single(), inv);
    var deadline = DateTime.UtcNow.AddSeconds(10);
    while (hosts.Any(h => !byHost[h].Applied.ContainsKey(revision)) && DateTime.UtcNow < deadline)
    {
        await Task.Delay(1);
    }

    var latencies = hosts.Select(h => byHost[h].Applied.TryGetValue(revision, out var at) ? Stopwatch.GetElapsedTime(started, at).TotalMilliseconds : double.NaN).ToList();
    perAgent.AddRange(latencies);
    perChange.Add(latencies.Max());
}

Console.WriteLine(string.Create(inv, $"write to agent: median {Percentile(perAgent, 0.5):F1} ms, p99 {Percentile(perAgent, 0.99):F1} ms over {perAgent.Count} agent updates ({perAgent.Count(double.IsNaN)} missed)"));
Console.WriteLine(string.Create(inv, $"write to every affected agent: median {Percentile(perChange, 0.5):F1} ms, p99 {Percentile(perChange, 0.99):F1} ms over {perChange.Count} writes"));
await stop.CancelAsync();
await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
return 0;

static double Percentile(List<double> values, double p)
{
    var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
