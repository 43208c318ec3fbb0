using System.Collections.Concurrent;
using System.Diagnostics;
using Hnv.Agent.Configuration;
using Hnv.Agent.Ports;
using Hnv.Agent.Tests.Support;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.NodeRuntime.Configuration;
using Hnv.Policy.Documents;
using Hnv.Tests.Shared;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hnv.Agent.Tests.Policy;

/// <summary>
/// Controller failover as issue 16 asks it: two real hnv-controller replicas on one real PostgreSQL, two agents (the real
/// agent, on memory devices) watching with both replicas' addresses, an operator writing through both. The replica the
/// agents watch is killed with SIGKILL during a stream of writes: every acknowledged write reaches both agents. Then
/// PostgreSQL itself restarts under the replicas, and they go on without anyone touching them.
/// </summary>
[Trait("tier", "service")]
public sealed class ReplicaFailoverTests(PostgresCluster cluster, ITestOutputHelper output) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private static readonly Vsid Blue = new(5001);
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-replicas-").FullName;
    private readonly List<IDisposable> _replicas = [];
    private readonly List<WebApplication> _agents = [];
    private string _database = null!;

    private string TokenFile => Path.Combine(_folder, "operator.token");

    public async Task InitializeAsync() => _database = await cluster.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.StopAsync();
            await agent.DisposeAsync();
        }

        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WatchedReplicaKilledDuringWrites_EveryAcknowledgedWriteReachesEveryAgent_AndAPostgresRestartHealsItself()
    {
        var a = await StartReplicaAsync("a");
        var b = await StartReplicaAsync("b");
        var admin = ControllerReplicas.CreateClient([ControllerAddress.Parse(a.Address), ControllerAddress.Parse(b.Address)], File.ReadAllText(TokenFile).Trim());
        await admin.CreateRoutingDomainAsync(new RoutingDomainDocument { Rdid = "aaaaaaaa-0000-0000-0000-000000000001", Name = "blue" });
        await admin.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = Blue.Value, Rdid = "aaaaaaaa-0000-0000-0000-000000000001", Prefixes = ["10.0.0.0/16"] });
        var nodes = new[] { ("h1", "192.0.2.1"), ("h2", "192.0.2.2") };
        foreach (var (host, pa) in nodes)
        {
            await admin.CreateHostAsync(new HostDocument { Name = host });
            await admin.CreateProviderAddressAsync(new ProviderAddressDocument { Host = host, Pa = pa, PrefixLength = 24 });
            await admin.CreateNetworkInterfaceAsync(new NetworkInterfaceDocument { Name = $"n-{host}", Host = host, Vsid = Blue.Value, Mac = $"02:00:00:00:00:0{host[1]}", Addresses = [$"10.0.0.1{host[1]}"] });
        }

        var agents = new List<AgentDataplane>();
        foreach (var (host, pa) in nodes)
        {
            agents.Add(await StartAgentAsync(host, pa, await admin.CreateHostCredentialAsync(host), a, b));
        }

        await WaitAsync(() => agents.All(x => x.Node.Revision == admin.LastRevision), "the agents did not get the world");
        // One clock for the writes and the samplers, so a gap is measured on one time line.
        var clock = Stopwatch.StartNew();
        var applied = agents.Select(agent => new RevisionSampler(agent, clock)).ToList();

        // Writes one after another through whichever replica answers; a is killed a second in.
        var acknowledged = new List<(long Revision, TimeSpan At, IpAddress Ca)>();
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            if (a is not null && clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                a.Kill();
                output.WriteLine($"replica a killed at {clock.ElapsedMilliseconds} ms");
                a = null;
            }

            var ca = IpAddress.Parse($"10.0.{1 + (i / 250)}.{1 + (i % 250)}");
            try
            {
                await admin.CreateLookupRecordAsync(new LookupRecordDocument { Ca = ca.ToString(), Vsid = Blue.Value, Mac = $"02:00:00:01:{i / 256:x2}:{i % 256:x2}", Pa = "192.0.2.1" });
                acknowledged.Add((admin.LastRevision!.Value, clock.Elapsed, ca));
            }
            catch (HnvApiException e)
            {
                output.WriteLine($"write {i} not acknowledged ({e.Message}); it may or may not have been stored");
            }
        }

        Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} writes were acknowledged");
        await WaitAsync(() => applied.All(s => s.Seen(acknowledged[^1].Revision)), "the agents did not catch up with the last acknowledged write");
        for (var n = 0; n < agents.Count; n++)
        {
            var policy = agents[n].Node.Policy;
            var missing = acknowledged.Where(w => !policy.TryGetSubnet(Blue, out var subnet) || !subnet.Domain.TryGetRecord(w.Ca, out _)).ToList();
            Assert.True(missing.Count == 0, $"{nodes[n].Item1} lacks {missing.Count} acknowledged writes, the first {missing.FirstOrDefault().Ca}");
        }

        var gaps = acknowledged.Select(w => applied.Select(s => s.FirstAt(w.Revision) - w.At).Max()).ToList();
        output.WriteLine($"{acknowledged.Count} acknowledged writes; from acknowledgement to both agents: median {Median(gaps).TotalMilliseconds:0} ms, longest {gaps.Max().TotalMilliseconds:0} ms");
        Assert.True(gaps.Max() < TimeSpan.FromSeconds(10), $"an acknowledged write took {gaps.Max().TotalMilliseconds:0} ms to reach the agents"); // generous: reconnecting is ~0.2-0.4 s
        foreach (var sample in applied)
        {
            await sample.DisposeAsync();
        }

        // PostgreSQL restarts under b (and a new a): both go on, and a write through one reaches agents watching the other.
        a = await StartReplicaAsync("a2");
        await cluster.RestartAsync();
        var afterRestart = ControllerReplicas.CreateClient([ControllerAddress.Parse(a.Address)], File.ReadAllText(TokenFile).Trim());
        var healed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await afterRestart.CreateLookupRecordAsync(new LookupRecordDocument { Ca = "10.0.99.1", Vsid = Blue.Value, Mac = "02:00:00:02:00:01", Pa = "192.0.2.2" });
                break;
            }
            catch (HnvApiException e) when (healed.Elapsed < TimeSpan.FromSeconds(30))
            {
                output.WriteLine($"after the restart: {e.Message}");
                await Task.Delay(200);
            }
        }

        output.WriteLine($"writes worked again {healed.ElapsedMilliseconds} ms after PostgreSQL came back");
        await WaitAsync(() => agents.All(x => x.Node.Revision >= afterRestart.LastRevision), "the agents (watching b) did not get the write made through a2 after the restart");
    }

    private async Task<ControllerReplica> StartReplicaAsync(string name)
    {
        var replica = new ControllerReplica(name, _database, TokenFile);
        _replicas.Add(replica);
        await replica.WaitReadyAsync();
        return replica;
    }

    private async Task<AgentDataplane> StartAgentAsync(string host, string pa, Client.Access.TokenDocument token, params ControllerReplica[] replicas)
    {
        var tokenFile = Path.Combine(_folder, $"{host}.token");
        await File.WriteAllTextAsync(tokenFile, token.Secret);
        var settings = new AgentSettings(host, new UnderlaySettings("eth0", 1500, IpAddress.Parse(pa), null), null, Path.Combine(_folder, $"{host}.sock"), [])
        {
            Controller = new ControllerSourceSettings([.. replicas.Select(r => ControllerAddress.Parse(r.Address))], tokenFile, Path.Combine(_folder, $"{host}.cache.json"),
                TimeSpan.FromSeconds(10), null),
        };
        var agent = AgentApplication.Build(settings, services =>
        {
            services.AddSingleton<IVmPortFactory, MemoryPortFactory>();
            services.AddSingleton(new MemoryFabric().Connect(IpAddress.Parse(pa)));
            services.AddSingleton<Func<IPacketWaiter>>(() => new EventWaiter());
        });
        await agent.StartAsync();
        _agents.Add(agent);
        return agent.Services.GetRequiredService<AgentDataplane>();
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task WaitAsync(Func<bool> condition, string failure, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>When each revision was first seen applied by one agent (sampled every millisecond or so), on the test's clock.</summary>
    private sealed class RevisionSampler : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(long Revision, TimeSpan At)> _seen = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock;
        private readonly Task _loop;

        public RevisionSampler(AgentDataplane agent, Stopwatch clock)
        {
            _clock = clock;
            _loop = Task.Run(async () =>
            {
                long last = -1;
                while (!_stop.IsCancellationRequested)
                {
                    if (agent.Node.Revision != last)
                    {
                        last = agent.Node.Revision;
                        _seen.Enqueue((last, _clock.Elapsed));
                    }

                    await Task.Delay(1);
                }
            });
        }

        /// <summary>Whether the sampler has seen the agent forward with <paramref name="revision"/> or later.</summary>
        public bool Seen(long revision) => _seen.Any(s => s.Revision >= revision);

        /// <summary>The first time the agent forwarded with <paramref name="revision"/> or later.</summary>
        public TimeSpan FirstAt(long revision) => _seen.First(s => s.Revision >= revision).At;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
