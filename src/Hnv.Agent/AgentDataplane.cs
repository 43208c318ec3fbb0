using System.Collections.Immutable;
using Hnv.Agent.Configuration;
using Hnv.Agent.Logging;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Host;
using Hnv.Linux.Threads;
using Hnv.Policy.Snapshots;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent;

/// <summary>
/// The agent's forwarding: the ports it serves, the policy in force, and the worker that forwards. Every change
/// (policy, attach, detach) builds a new <see cref="DataplaneState"/> and publishes it whole; the worker picks it
/// up at its next batch. Changes are serialised by one lock, which the packet path never takes.
/// With <see cref="AgentSettings.Workers"/> = 2 one worker thread reads the VM ports and one the underlay; each
/// writes to ports and underlay as its own writer (<see cref="IVmPort.MaxWriters"/>), and their counters are added up
/// when read; on a host that sets cores aside each direction can have its own (<see cref="AgentSettings.WorkerCpus"/>).
/// One thread for both is the default: since TCP super-frames leave whole for the kernel to segment, the per-packet
/// work is small and the hand-over between two threads cost more than it bought, 10 to 19 % of the lab's TCP on its
/// two shared vCPUs (bench/README.md), where before it had carried 9 % more.
/// </summary>
public sealed class AgentDataplane : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IVmPortFactory _factory;
    private readonly IUnderlayPort _underlay;
    private readonly ILogger _logger;
    private readonly StateHolder _holder;
    private readonly Worker[] _workers;
    private readonly WorkerThread[] _threads;
    private readonly ImmutableArray<int> _cpus;
    private ImmutableDictionary<string, AttachedPort> _ports = ImmutableDictionary<string, AttachedPort>.Empty;
    private PolicySnapshot _policy = PolicySnapshot.Empty;
    private int _disposed;

    /// <summary>Sets up forwarding for <paramref name="settings"/>; call <see cref="Start"/> to begin.</summary>
    public AgentDataplane(AgentSettings settings, IVmPortFactory factory, IUnderlayPort underlay, Func<IPacketWaiter> waiters, ILogger<AgentDataplane> logger,
        IHostFailure failure)
    {
        _factory = factory;
        _underlay = underlay;
        _logger = logger;
        Host = new HostSettings
        {
            ProviderAddressV4 = settings.ProviderAddressV4,
            ProviderAddressV6 = settings.ProviderAddressV6,
            UnderlayMtu = settings.UnderlayMtu,
        };
        _holder = new StateHolder(new DataplaneState(new HostSnapshot(_policy, Host, []), []));
        _cpus = settings.WorkerCpus;
        WorkerSources[] roles = settings.Workers == 1 ? [WorkerSources.All] : [WorkerSources.VmPorts, WorkerSources.Underlay];
        _workers = [.. roles.Select((sources, writer) => new Worker(_holder, underlay, sources: sources, writer: writer))];
        _threads = [.. _workers.Select((worker, i) => new WorkerThread(worker, _holder, waiters(), state => DataplaneHandles.Of(state, underlay, worker.Sources), e =>
        {
            AgentLog.WorkerFailed(logger, e.ToString());
            failure.Fail(e);
        }, settings.WorkerCpus.IsEmpty ? null : () => CpuAffinity.PinCurrentThread(settings.WorkerCpus[i])))];
    }

    /// <summary>This host's forwarding settings.</summary>
    public HostSettings Host { get; }

    /// <summary>The policy revision in force.</summary>
    public long Revision => _policy.Revision;

    /// <summary>The attached ports, by name.</summary>
    public IReadOnlyCollection<AttachedPort> Ports => _ports.Values.OrderBy(p => p.Local.Index).ToList();

    /// <summary>The worker threads' workers (one per direction, or one for both), for their own counts; read from any thread.</summary>
    public IReadOnlyList<Worker> Workers => _workers;

    /// <summary>The workers' counters, added up (a new set per call).</summary>
    public ForwardingCounters Counters => ForwardingCounters.Sum([.. _workers.Select(w => w.Counters)]);

    /// <summary>Sends the workers could not complete (port or underlay), by side.</summary>
    public (long Ports, long Underlay) SendFailures =>
        (_workers.Sum(w => w.PortSendFailures), _workers.Sum(w => w.UnderlaySendFailures) + _underlay.FailedFlushedSends);

    /// <summary>The underlay port's own I/O counts.</summary>
    public IReadOnlyDictionary<string, long> UnderlayIoCounters => _underlay.IoCounters;

    /// <summary>Starts the worker threads.</summary>
    public void Start()
    {
        foreach (var thread in _threads)
        {
            thread.Start();
        }

        AgentLog.WorkersStarted(_logger, _workers.Length == 1 ? "one worker thread for both directions" : "a worker thread per direction (VM ports, underlay)",
            _cpus.IsEmpty ? "" : $", pinned to CPU {string.Join(" and ", _cpus)}");
    }

    /// <summary>Forwards with <paramref name="policy"/> from the next batch on.</summary>
    public void ApplyPolicy(PolicySnapshot policy)
    {
        lock (_gate)
        {
            _policy = policy;
            Publish();
            _underlay.Expect(policy.ProviderAddresses.Select(p => p.Pa).Where(pa => pa != Host.ProviderAddressV4 && pa != Host.ProviderAddressV6));
        }
    }

    /// <summary>Attaches a VM NIC.</summary>
    public AttachResult Attach(PortSettings settings)
    {
        lock (_gate)
        {
            if (_ports.ContainsKey(settings.Name))
            {
                return new AttachResult(AttachOutcome.Conflict, $"A port named {settings.Name} is already attached.");
            }

            if (_ports.Values.FirstOrDefault(p => p.Settings.Mac == settings.Mac) is { } other)
            {
                return new AttachResult(AttachOutcome.Conflict, $"The MAC {settings.Mac} is already port {other.Settings.Name}'s.");
            }

            var index = 0;
            while (_ports.Values.Any(p => p.Local.Index == index))
            {
                index++;
            }

            IVmPort port;
            try
            {
                port = _factory.Attach(settings, index);
            }
            catch (Exception e) when (e is Linux.LinuxException or IOException or InvalidOperationException)
            {
                AgentLog.PortFailed(_logger, settings.Name, e.Message);
                return new AttachResult(AttachOutcome.Failed, e.Message);
            }

            var attached = new AttachedPort(settings, new LocalPort(index, settings.Name, settings.Mac, settings.Vsid, settings.Addresses), port);
            _ports = _ports.Add(settings.Name, attached);
            Publish();
            AgentLog.PortAttached(_logger, settings.Name, settings.InterfaceName, settings.Namespace, settings.Mac.ToString(), settings.Vsid.Value,
                string.Join(", ", settings.Addresses));
            return new AttachResult(AttachOutcome.Attached, Port: attached);
        }
    }

    /// <summary>Detaches a VM NIC and removes its device; false when no port has that name.</summary>
    public bool Detach(string name)
    {
        lock (_gate)
        {
            if (!_ports.TryGetValue(name, out var attached))
            {
                return false;
            }

            var batches = _workers.Select(w => w.Batches).ToArray();
            _ports = _ports.Remove(name);
            Publish();

            // A batch that started before the publish may still hold the old state (and this port): close the device
            // only once every worker has begun a later batch, which reads the new state.
            SpinWait.SpinUntil(() => _workers.Select((w, i) => w.Batches > batches[i] + 1).All(later => later), WorkerThread.IdleWait * 5);
            attached.Port.Dispose();
            _factory.Remove(attached.Settings);
            AgentLog.PortDetached(_logger, name);
            return true;
        }
    }

    /// <summary>Stops forwarding and closes the descriptors; called at host stop and again by the container, once effective.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var thread in _threads)
        {
            thread.Dispose();
        }

        foreach (var port in _ports.Values)
        {
            // Devices stay (persistent TAPs): a restarted agent reattaches to them and the VMs notice nothing.
            port.Port.Dispose();
        }

        _underlay.Dispose();
    }

    private void Publish()
    {
        var host = new HostSnapshot(_policy, Host, _ports.Values.Select(p => p.Local));
        _holder.Publish(new DataplaneState(host, _ports.Values.Select(p => p.Port)));
        foreach (var thread in _threads)
        {
            thread.Nudge();
        }
    }
}
