using System.Collections.Immutable;
using Hnv.Agent.Configuration;
using Hnv.Agent.Logging;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Host;
using Hnv.Policy.Snapshots;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent;

/// <summary>
/// The agent's forwarding: the ports it serves, the policy in force, and the worker that forwards. Every change
/// (policy, attach, detach) builds a new <see cref="DataplaneState"/> and publishes it whole; the worker picks it
/// up at its next batch. Changes are serialised by one lock, which the packet path never takes.
/// </summary>
public sealed class AgentDataplane : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IVmPortFactory _factory;
    private readonly IUnderlayPort _underlay;
    private readonly ILogger _logger;
    private readonly StateHolder _holder;
    private readonly Worker _worker;
    private readonly WorkerThread _thread;
    private ImmutableDictionary<string, AttachedPort> _ports = ImmutableDictionary<string, AttachedPort>.Empty;
    private PolicySnapshot _policy = PolicySnapshot.Empty;
    private int _disposed;

    /// <summary>Sets up forwarding for <paramref name="settings"/>; call <see cref="Start"/> to begin.</summary>
    public AgentDataplane(AgentSettings settings, IVmPortFactory factory, IUnderlayPort underlay, IPacketWaiter waiter, ILogger<AgentDataplane> logger,
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
        _worker = new Worker(_holder, underlay);
        _thread = new WorkerThread(_worker, _holder, waiter, state => DataplaneHandles.Of(state, underlay), e =>
        {
            AgentLog.WorkerFailed(logger, e.ToString());
            failure.Fail(e);
        });
    }

    /// <summary>This host's forwarding settings.</summary>
    public HostSettings Host { get; }

    /// <summary>The policy revision in force.</summary>
    public long Revision => _policy.Revision;

    /// <summary>The attached ports, by name.</summary>
    public IReadOnlyCollection<AttachedPort> Ports => _ports.Values.OrderBy(p => p.Local.Index).ToList();

    /// <summary>The worker's counters.</summary>
    public ForwardingCounters Counters => _worker.Counters;

    /// <summary>Sends the worker could not complete (port or underlay), by side.</summary>
    public (long Ports, long Underlay) SendFailures => (_worker.PortSendFailures, _worker.UnderlaySendFailures + _underlay.FailedFlushedSends);

    /// <summary>The underlay port's own I/O counts.</summary>
    public IReadOnlyDictionary<string, long> UnderlayIoCounters => _underlay.IoCounters;

    /// <summary>Starts the worker thread.</summary>
    public void Start() => _thread.Start();

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

            var batch = _worker.Batches;
            _ports = _ports.Remove(name);
            Publish();

            // A batch that started before the publish may still hold the old state (and this port): close the device
            // only once a later batch has begun, which reads the new state.
            SpinWait.SpinUntil(() => _worker.Batches > batch + 1, WorkerThread.IdleWait * 5);
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

        _thread.Dispose();
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
        _thread.Nudge();
    }
}
