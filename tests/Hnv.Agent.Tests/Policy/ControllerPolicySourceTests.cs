using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;
using Hnv.NodeRuntime.Policy;
using Hnv.Agent.Ports;
using Hnv.Agent.Tests.Support;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hnv.Agent.Tests.Policy;

/// <summary>
/// The agent's controller source against a scripted controller on a real Kestrel, inside a real agent (memory
/// devices): no answer, no event and no file problem stops it (issue 16, defect 6); it backs off, keeps the last good
/// policy, and asks for a snapshot when an event does not apply.
/// </summary>
[Trait("tier", "service")]
public sealed class ControllerPolicySourceTests : IAsyncLifetime
{
    // One line: the stream is NDJSON.
    private static readonly string Snapshot5 = """
        {"kind":"snapshot","revision":5,"policy":{
          "routingDomains":[{"rdid":"aaaaaaaa-0000-0000-0000-000000000001","name":"blue"}],
          "virtualSubnets":[{"vsid":5001,"rdid":"aaaaaaaa-0000-0000-0000-000000000001","prefixes":["10.0.0.0/24"]}],
          "providerAddresses":[{"host":"h1","pa":"192.0.2.1","prefixLength":24}],
          "lookupRecords":[{"ca":"10.0.0.11","vsid":5001,"mac":"02:00:00:00:00:11","pa":"192.0.2.1"}]}}
        """.ReplaceLineEndings("");

    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-agent-source-").FullName;
    private ScriptedController? _controller;
    private WebApplication? _agent;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync();
            await _agent.DisposeAsync();
        }

        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Watch_Unauthorized_AgentKeepsRunningAndBacksOff()
    {
        await StartAsync(ScriptedController.Status(401));

        var watches = await _controller!.WaitForWatchesAsync(3);

        // 200 ms then 400 ms, each with up to 50 % jitter: the second wait is always the longer.
        var first = watches[1].At - watches[0].At;
        var second = watches[2].At - watches[1].At;
        Assert.True(second > first, $"waits {first.TotalMilliseconds:0} ms then {second.TotalMilliseconds:0} ms: no backoff");
        AssertRunning<ControllerPolicySource>();
    }

    [Theory]
    // The subnet the record names does not exist: the model refuses the result.
    [InlineData("""{"kind":"change","revision":6,"upsert":{"lookupRecords":[{"ca":"10.0.0.12","vsid":7777,"mac":"02:00:00:00:00:12","pa":"192.0.2.1"}]}}""")]
    // A VSID beyond 24 bits: reading the item itself fails.
    [InlineData("""{"kind":"change","revision":6,"upsert":{"lookupRecords":[{"ca":"10.0.0.12","vsid":99999999,"mac":"02:00:00:00:00:12","pa":"192.0.2.1"}]}}""")]
    // A null where an item belongs: nothing the reader expects (this one used to stop the agent).
    [InlineData("""{"kind":"change","revision":6,"upsert":{"lookupRecords":[null]}}""")]
    // Not a watch event at all.
    [InlineData("""{"kind": [1, 2]}""")]
    public async Task Watch_EventThatDoesNotApply_KeepsLastPolicyAndAsksAgain(string bad)
    {
        await StartAsync(ScriptedController.Lines(false, Snapshot5, bad), ScriptedController.Lines(true, Snapshot5));

        var watches = await _controller!.WaitForWatchesAsync(2);

        Assert.Equal(0, watches[0].From);
        Assert.True(watches[1].From is 0 or 5, $"asked again from {watches[1].From}");
        Assert.Equal(5, _agent!.Services.GetRequiredService<AgentDataplane>().Node.Revision);
        AssertRunning<ControllerPolicySource>();
    }

    [Fact]
    public async Task Watch_HttpsWithAPrivateCa_AppliesThePolicy()
    {
        using var ca = new PrivateCa();
        using var certificate = ca.Issue(IPAddress.Loopback);

        await StartAsync(certificate, CertificateAuthority.Load(ca.WriteRoot(Path.Combine(_folder, "ca.pem"))), ScriptedController.Lines(true, Snapshot5));

        Assert.Equal("https", _controller!.Address.Scheme);
        await _controller.WaitForWatchesAsync(1);
        Assert.Equal(5, await ForwardingRevisionAsync(5));
    }

    [Fact]
    public async Task Watch_HttpsCertificateFromAnotherCa_IsRefusedAndTheAgentKeepsRunning()
    {
        using var ca = new PrivateCa();
        using var other = new PrivateCa("someone else's CA");
        using var certificate = other.Issue(IPAddress.Loopback);

        await StartAsync(certificate, CertificateAuthority.Load(ca.WriteRoot(Path.Combine(_folder, "ca.pem"))), ScriptedController.Lines(true, Snapshot5));
        await Task.Delay(1000);

        Assert.Empty(_controller!.Watches); // the handshake failed: no request reached it
        Assert.Equal(0, _agent!.Services.GetRequiredService<AgentDataplane>().Node.Revision);
        AssertRunning<ControllerPolicySource>();
    }

    [Fact]
    public async Task Watch_FirstReplicaDown_MovesToTheNextAndAppliesAndReportsThere()
    {
        var down = await ScriptedController.StartAsync(ScriptedController.Lines(true, Snapshot5));
        var downAddress = ControllerAddress.Parse(down.Address.ToString());
        await down.DisposeAsync(); // nothing listens there any more

        await StartAsync(null, null, [downAddress], ScriptedController.Lines(true, Snapshot5));

        await _controller!.WaitForWatchesAsync(1);
        Assert.Equal(5, await ForwardingRevisionAsync(5));
        Assert.Equal(5, await _controller.WaitForReportAsync(5));
    }

    [Fact]
    public async Task Watch_ChangeThatDoesNotApply_NextRequestIsForASnapshot()
    {
        await StartAsync(
            ScriptedController.Lines(false, Snapshot5, """{"kind":"change","revision":6,"upsert":{"lookupRecords":[{"ca":"10.0.0.12","vsid":7777,"mac":"02:00:00:00:00:12","pa":"192.0.2.1"}]}}"""),
            ScriptedController.Lines(true, Snapshot5));

        var watches = await _controller!.WaitForWatchesAsync(2);

        Assert.Equal(0, watches[1].From);
    }

    [Fact]
    public async Task Reporter_TokenFileUnreadable_AgentKeepsRunning()
    {
        await StartAsync(ScriptedController.Lines(true, Snapshot5));
        await _controller!.WaitForWatchesAsync(1);
        await WaitForAsync(() => _agent!.Services.GetRequiredService<AgentDataplane>().Node.Revision == 5);

        // The token file becomes unreadable (a directory in its place: root reads any file).
        File.Delete(TokenFile);
        Directory.CreateDirectory(TokenFile);
        _agent!.Services.GetRequiredService<HostStatusReporter>().Report(6);
        await Task.Delay(500);

        AssertRunning<HostStatusReporter>();
        AssertRunning<ControllerPolicySource>();
    }

    private string TokenFile => Path.Combine(_folder, "agent.token");

    private Task StartAsync(params Func<Microsoft.AspNetCore.Http.HttpContext, Task>[] script) => StartAsync(null, null, [], script);

    private Task StartAsync(X509Certificate2? certificate, CertificateAuthority? authority, params Func<Microsoft.AspNetCore.Http.HttpContext, Task>[] script) =>
        StartAsync(certificate, authority, [], script);

    /// <summary>Starts the scripted controller and an agent that tries <paramref name="before"/> first, then it.</summary>
    private async Task StartAsync(
        X509Certificate2? certificate, CertificateAuthority? authority, IReadOnlyList<ControllerAddress> before, params Func<Microsoft.AspNetCore.Http.HttpContext, Task>[] script)
    {
        _controller = await ScriptedController.StartAsync(certificate, script);
        await File.WriteAllTextAsync(TokenFile, "hnv_test");
        var settings = new AgentSettings("h1", new UnderlaySettings("eth0", 1500, Wire.Addressing.IpAddress.Parse("192.0.2.1"), null), null, Path.Combine(_folder, "agent.sock"), [])
        {
            Controller = new ControllerSourceSettings([.. before, ControllerAddress.Parse(_controller.Address.ToString())], TokenFile, Path.Combine(_folder, "cache.json"), TimeSpan.FromSeconds(10), authority),
        };
        _agent = AgentApplication.Build(settings, services =>
        {
            services.AddSingleton<IVmPortFactory, MemoryPortFactory>();
            services.AddSingleton(new MemoryFabric().Connect(Wire.Addressing.IpAddress.Parse("192.0.2.1")));
            services.AddSingleton<Func<IPacketWaiter>>(() => new EventWaiter());
        });
        await _agent.StartAsync();
    }

    /// <summary>The revision the agent forwards with, once it reaches <paramref name="expected"/> (or after 5 s).</summary>
    private async Task<long> ForwardingRevisionAsync(long expected)
    {
        var node = _agent!.Services.GetRequiredService<AgentDataplane>().Node;
        for (var i = 0; i < 100 && node.Revision != expected; i++)
        {
            await Task.Delay(50);
        }

        return node.Revision;
    }

    private void AssertRunning<TService>()
        where TService : BackgroundService
    {
        var service = _agent!.Services.GetServices<IHostedService>().OfType<TService>().SingleOrDefault()
            ?? (BackgroundService)(object)_agent.Services.GetRequiredService<TService>();
        Assert.False(service.ExecuteTask!.IsCompleted, $"{typeof(TService).Name} ended: {service.ExecuteTask.Exception?.InnerException?.Message}");
    }

    private static async Task WaitForAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }
}
