using System.Collections.Immutable;
using Hnv.Agent.Configuration;
using Hnv.Agent.Logging;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Linux.Threads;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent;

/// <summary>
/// The agent's forwarding node (<see cref="ForwardingNode"/>) and what the agent adds to it: its VM NICs' settings,
/// the devices its <see cref="IVmPortFactory"/> makes and removes, worker CPUs from its configuration, and logs.
/// </summary>
public sealed class AgentDataplane : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IVmPortFactory _factory;
    private readonly ILogger _logger;
    private readonly ImmutableArray<int> _cpus;
    private ImmutableDictionary<string, PortSettings> _settings = ImmutableDictionary<string, PortSettings>.Empty;

    /// <summary>Sets up forwarding for <paramref name="settings"/>; call <see cref="Start"/> to begin.</summary>
    public AgentDataplane(AgentSettings settings, IVmPortFactory factory, IUnderlayPort underlay, Func<IPacketWaiter> waiters, ILogger<AgentDataplane> logger,
        IProcessFailure failure)
    {
        _factory = factory;
        _logger = logger;
        _cpus = settings.WorkerCpus;
        var host = new NodeSettings
        {
            ProviderAddressV4 = settings.Underlay.ProviderAddressV4,
            ProviderAddressV6 = settings.Underlay.ProviderAddressV6,
            UnderlayMtu = settings.Underlay.Mtu,
        };
        Node = new ForwardingNode(host, underlay, waiters, new ForwardingNodeOptions
        {
            Workers = settings.Workers,
            OnWorkerStart = settings.WorkerCpus.IsEmpty ? null : i => CpuAffinity.PinCurrentThread(settings.WorkerCpus[i]),
            OnWorkerFailure = e =>
            {
                AgentLog.WorkerFailed(logger, e.ToString());
                failure.Fail(e);
            },
        });
    }

    /// <summary>The forwarding node: policy, workers, counters.</summary>
    public ForwardingNode Node { get; }

    /// <summary>The attached ports with the settings they were attached with, in index order.</summary>
    public IReadOnlyCollection<AttachedPort> Ports
    {
        get
        {
            var settings = _settings;
            return [.. Node.Ports.Where(p => settings.ContainsKey(p.Name)).Select(p => new AttachedPort(settings[p.Name], p.Local, p.Port))];
        }
    }

    /// <summary>Starts the worker threads.</summary>
    public void Start()
    {
        Node.Start();
        AgentLog.WorkersStarted(_logger, Node.Workers.Count == 1 ? "one worker thread for both directions" : "a worker thread per direction (VM ports, underlay)",
            _cpus.IsEmpty ? "" : $", pinned to CPU {string.Join(" and ", _cpus)}");
    }

    /// <summary>Attaches a VM NIC.</summary>
    public AttachResult Attach(PortSettings settings)
    {
        lock (_gate)
        {
            NodePort? port;
            string? conflict;
            try
            {
                if (!Node.TryAttach(settings.Name, settings.Mac, settings.Vsid, settings.Addresses, index => _factory.Attach(settings, index), out port, out conflict))
                {
                    return new AttachResult(AttachOutcome.Conflict, conflict);
                }
            }
            catch (Exception e) when (e is Linux.LinuxException or IOException or InvalidOperationException)
            {
                AgentLog.PortFailed(_logger, settings.Name, e.Message);
                return new AttachResult(AttachOutcome.Failed, e.Message);
            }

            _settings = _settings.SetItem(settings.Name, settings);
            AgentLog.PortAttached(_logger, settings.Name, settings.InterfaceName, settings.Namespace, settings.Mac.ToString(), settings.Vsid.Value,
                string.Join(", ", settings.Addresses));
            return new AttachResult(AttachOutcome.Attached, Port: new AttachedPort(settings, port.Local, port.Port));
        }
    }

    /// <summary>Detaches a VM NIC and removes its device; false when no port has that name.</summary>
    public bool Detach(string name)
    {
        lock (_gate)
        {
            if (Node.Detach(name) is null)
            {
                return false;
            }

            var settings = _settings[name];
            _settings = _settings.Remove(name);
            _factory.Remove(settings);
            AgentLog.PortDetached(_logger, name);
            return true;
        }
    }

    /// <summary>Stops forwarding and closes the descriptors; the devices stay for a restarted agent.</summary>
    public void Dispose() => Node.Dispose();
}
