using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.Agent.Tests;

/// <summary>A real agent host with workerCpus: each worker thread runs pinned to its CPU, the rest of the process is not.</summary>
[Trait("tier", "service")]
public sealed class WorkerPinningTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-agent-pin-").FullName;
    private readonly int _lastCpu = Environment.ProcessorCount - 1;
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var policy = Path.Combine(_folder, "policy.json");
        await File.WriteAllTextAsync(policy, "{}");
        var pa = Wire.Addressing.IpAddress.Parse("192.0.2.1");
        var settings = new AgentSettings("h1", new UnderlaySettings("eth0", 1500, pa, null), policy, Path.Combine(_folder, "agent.sock"), []) { Workers = 2, WorkerCpus = [_lastCpu, 0] };
        _app = AgentApplication.Build(settings, services =>
        {
            services.AddSingleton<IVmPortFactory, NoPorts>();
            services.AddSingleton(new MemoryFabric().Connect(pa));
            services.AddSingleton<Func<IPacketWaiter>>(() => new EventWaiter());
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Start_EachWorkerThreadIsPinnedToItsCpu()
    {
        var expected = new Dictionary<string, string>
        {
            ["hnv-worker-vms"] = _lastCpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hnv-worker-ulay"] = "0",
        };
        Dictionary<string, string> seen = [];
        for (var i = 0; i < 50 && seen.Count < 2; i++)
        {
            await Task.Delay(100); // the threads pin themselves as they start
            // Other tests' agents run in this process too, unpinned: only a thread pinned as expected counts.
            seen = Directory.GetDirectories("/proc/self/task").Select(ReadTask).OfType<(string Name, string Cpus)>()
                .Where(t => expected.TryGetValue(t.Name, out var cpu) && t.Cpus == cpu)
                .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Cpus);
        }

        Assert.Equal(expected, seen);
        if (_lastCpu > 0)
        {
            Assert.False(int.TryParse(AllowedCpus("/proc/thread-self/status"), out _), "the test's own thread was pinned too"); // the pins are the workers' alone
        }
    }

    /// <summary>A thread's name and allowed CPUs; null when it ended while being read.</summary>
    private static (string Name, string Cpus)? ReadTask(string task)
    {
        try
        {
            return (File.ReadAllText(Path.Combine(task, "comm")).Trim(), AllowedCpus(Path.Combine(task, "status")));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string AllowedCpus(string status) =>
        File.ReadLines(status).Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();

    private sealed class NoPorts : IVmPortFactory
    {
        public IVmPort Attach(PortSettings settings, int index) => throw new InvalidOperationException("no ports in this test");

        public void Remove(PortSettings settings)
        {
        }
    }
}
