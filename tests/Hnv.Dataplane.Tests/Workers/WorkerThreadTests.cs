using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Policy.Snapshots;

namespace Hnv.Dataplane.Tests.Workers;

/// <summary>The worker's thread: named for what it reads, with a start hook that runs on it first.</summary>
[Trait("tier", "pure")]
public sealed class WorkerThreadTests
{
    private readonly StateHolder _holder = new(new DataplaneState(new NodeSnapshot(PolicySnapshot.Empty, new NodeSettings(), []), []));
    private readonly IUnderlayPort _underlay = new MemoryFabric().Connect();

    [Theory]
    [InlineData(WorkerSources.All, "hnv-worker")]
    [InlineData(WorkerSources.VmPorts, "hnv-worker-vms")]
    [InlineData(WorkerSources.Underlay, "hnv-worker-ulay")]
    public void Start_RunsTheHookOnTheWorkersOwnThreadFirst(WorkerSources sources, string name)
    {
        var worker = new Worker(_holder, _underlay, sources: sources);
        using var started = new ManualResetEventSlim();
        string? hookThread = null;
        using (var thread = new WorkerThread(worker, _holder, new EventWaiter(), s => DataplaneHandles.Of(s, _underlay, sources), _ => { }, () =>
        {
            hookThread = Thread.CurrentThread.Name;
            started.Set();
        }))
        {
            thread.Start();
            Assert.True(started.Wait(TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(name, hookThread);
    }

    [Fact]
    public void Start_HookThrows_ReportedOnceAndNothingIsForwarded()
    {
        var worker = new Worker(_holder, _underlay);
        using var failed = new ManualResetEventSlim();
        var failures = new List<Exception>();
        using (var thread = new WorkerThread(worker, _holder, new EventWaiter(), s => DataplaneHandles.Of(s, _underlay), e =>
        {
            failures.Add(e);
            failed.Set();
        }, () => throw new InvalidOperationException("no such CPU")))
        {
            thread.Start();
            Assert.True(failed.Wait(TimeSpan.FromSeconds(5)));
        }

        Assert.Equal("no such CPU", Assert.Single(failures).Message);
        Assert.Equal(0, worker.Batches);
    }
}
