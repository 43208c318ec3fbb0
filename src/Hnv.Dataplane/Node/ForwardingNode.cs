using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Probes;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Taps;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Node;

/// <summary>
/// The forwarding node every forwarding host embeds (the agent; the gateway): its VM ports, the policy in force, and
/// the workers that forward between the ports and the underlay. Every change (policy, attach, detach) builds a new
/// <see cref="DataplaneState"/> and publishes it whole; the workers pick it up at their next batch. Changes are
/// serialised by one lock, which the packet path never takes. It knows ports and the underlay only by their
/// interfaces, so it runs on memory ports as well as on Linux devices.
/// </summary>
public sealed class ForwardingNode : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IUnderlayPort _underlay;
    private readonly StateHolder _holder;
    private readonly Worker[] _workers;
    private readonly WorkerThread[] _threads;
    private ImmutableDictionary<string, NodePort> _ports = ImmutableDictionary<string, NodePort>.Empty;
    private PolicySnapshot _policy = PolicySnapshot.Empty;
    private ImmutableArray<PacketTap> _taps = [];
    private ImmutableArray<ProbeCatcher> _probes = [];
    private readonly ConcurrentQueue<ProbeInjection> _injections = new();
    private int _disposed;

    /// <summary>Sets up forwarding with <paramref name="settings"/>; call <see cref="Start"/> to begin.</summary>
    public ForwardingNode(NodeSettings settings, IUnderlayPort underlay, Func<IPacketWaiter> waiters, ForwardingNodeOptions? options = null)
    {
        options ??= new ForwardingNodeOptions();
        Settings = settings;
        _underlay = underlay;
        _holder = new StateHolder(new DataplaneState(new NodeSnapshot(_policy, settings, []), []));
        WorkerSources[] roles = options.Workers == 1 ? [WorkerSources.All] : [WorkerSources.VmPorts, WorkerSources.Underlay];
        _workers = [.. roles.Select((sources, writer) => new Worker(_holder, underlay, sources: sources, writer: writer)
        {
            Injections = (sources & WorkerSources.VmPorts) != 0 ? _injections : null,
        })];
        _threads = [.. _workers.Select((worker, i) => new WorkerThread(worker, _holder, waiters(), state => DataplaneHandles.Of(state, underlay, worker.Sources),
            options.OnWorkerFailure, options.OnWorkerStart is { } onStart ? () => onStart(i) : null))];
    }

    /// <summary>This node's forwarding settings.</summary>
    public NodeSettings Settings { get; }

    /// <summary>The policy revision in force.</summary>
    public long Revision => _policy.Revision;

    /// <summary>The policy in force.</summary>
    public PolicySnapshot Policy => Volatile.Read(ref _policy);

    /// <summary>The attached ports, in index order.</summary>
    public IReadOnlyCollection<NodePort> Ports => _ports.Values.OrderBy(p => p.Local.Index).ToList();

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
    }

    /// <summary>Forwards with <paramref name="policy"/> from the next batch on.</summary>
    public void ApplyPolicy(PolicySnapshot policy)
    {
        lock (_gate)
        {
            _policy = policy;
            Publish();
            _underlay.Expect(policy.ProviderAddresses.Select(p => p.Pa).Where(pa => pa != Settings.ProviderAddressV4 && pa != Settings.ProviderAddressV6));
        }
    }

    /// <summary>
    /// Attaches a VM NIC: <paramref name="open"/> makes its device as port number N (the lowest free). False with
    /// <paramref name="conflict"/> when the name or MAC is taken; what <paramref name="open"/> throws leaves the node as it was.
    /// </summary>
    public bool TryAttach(string name, MacAddress mac, Vsid vsid, ImmutableArray<IpAddress> addresses, Func<int, IVmPort> open,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePort? port, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? conflict) =>
        TryAttach(name, mac, index => new LocalPort(index, name, mac, vsid, addresses), open, out port, out conflict);

    /// <summary>
    /// Attaches a gateway's outside port of routing domain <paramref name="rdid"/> (its leg into the domain's routing
    /// context), as <see cref="TryAttach(string, MacAddress, Vsid, ImmutableArray{IpAddress}, Func{int, IVmPort}, out NodePort?, out string?)"/>
    /// does a NIC; a domain has at most one.
    /// </summary>
    public bool TryAttachOutside(string name, MacAddress mac, Rdid rdid, Func<int, IVmPort> open,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePort? port, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? conflict)
    {
        lock (_gate)
        {
            if (_ports.Values.FirstOrDefault(p => p.Local.OutsideOf == rdid) is { } other)
            {
                port = null;
                conflict = $"Routing domain {rdid} already has its outside port {other.Name}.";
                return false;
            }

            return TryAttach(name, mac, index => new LocalPort(index, name, mac, default, []) { OutsideOf = rdid }, open, out port, out conflict);
        }
    }

    /// <summary>Detaches a VM NIC and closes its device; null when no port has that name.</summary>
    public NodePort? Detach(string name)
    {
        lock (_gate)
        {
            if (!_ports.TryGetValue(name, out var port))
            {
                return null;
            }

            var batches = _workers.Select(w => w.Batches).ToArray();
            _ports = _ports.Remove(name);
            Publish();

            // A batch that started before the publish may still hold the old state (and this port): close the device
            // only once every worker has begun a later batch, which reads the new state.
            SpinWait.SpinUntil(() => _workers.Select((w, i) => w.Batches > batches[i] + 1).All(later => later), WorkerThread.IdleWait * 5);
            port.Port.Dispose();
            return port;
        }
    }

    private bool TryAttach(string name, MacAddress mac, Func<int, LocalPort> local, Func<int, IVmPort> open,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePort? port, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? conflict)
    {
        lock (_gate)
        {
            port = null;
            if (_ports.ContainsKey(name))
            {
                conflict = $"A port named {name} is already attached.";
                return false;
            }

            if (_ports.Values.FirstOrDefault(p => p.Local.Mac == mac) is { } other)
            {
                conflict = $"The MAC {mac} is already port {other.Name}'s.";
                return false;
            }

            var index = 0;
            while (_ports.Values.Any(p => p.Local.Index == index))
            {
                index++;
            }

            port = new NodePort(local(index), open(index));
            _ports = _ports.Add(name, port);
            Publish();
            conflict = null;
            return true;
        }
    }

    /// <summary>At most this many taps at once: each costs the workers a filter per packet.</summary>
    public const int MaxTaps = 4;

    /// <summary>Turns a tap on from the next batch; false when <see cref="MaxTaps"/> are on already.</summary>
    public bool AddTap(PacketTap tap)
    {
        lock (_gate)
        {
            if (_taps.Length >= MaxTaps)
            {
                return false;
            }

            _taps = _taps.Add(tap);
            Publish();
            return true;
        }
    }

    /// <summary>Turns a tap off (workers may still offer to it during the batch they are in).</summary>
    public void RemoveTap(PacketTap tap) => Change(() => _taps = _taps.Remove(tap));

    /// <summary>
    /// Sends a live-trace probe as if port <paramref name="port"/>'s VM had sent <paramref name="frame"/>: the worker that
    /// reads VM ports runs it through the pipeline at its next batch and on into the underlay; never to a VM.
    /// </summary>
    public Task<ProbeObservation> SendProbeAsync(int port, byte[] frame)
    {
        var probe = new ProbeInjection(port, frame);
        _injections.Enqueue(probe);
        NudgeWorkers();
        return probe.Done.Task;
    }

    /// <summary>Waits for probe <paramref name="id"/> from the underlay until <see cref="Disarm"/>.</summary>
    public ProbeCatcher Arm(ulong id)
    {
        var catcher = new ProbeCatcher(id);
        Change(() => _probes = _probes.Add(catcher));
        return catcher;
    }

    /// <summary>Stops waiting for a probe (one that comes later is dropped, counted as ProbeUnclaimed).</summary>
    public void Disarm(ProbeCatcher catcher) => Change(() => _probes = _probes.Remove(catcher));

    /// <summary>Stops forwarding and closes the ports' and the underlay's descriptors; only the first call does anything.</summary>
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
            // Devices stay (persistent TAPs): a restarted host reattaches to them and the VMs notice nothing.
            port.Port.Dispose();
        }

        _underlay.Dispose();
    }

    private void Publish()
    {
        var host = new NodeSnapshot(_policy, Settings, _ports.Values.Select(p => p.Local));
        _holder.Publish(new DataplaneState(host, _ports.Values.Select(p => p.Port)) { Taps = _taps, Probes = _probes });
        NudgeWorkers();
    }

    /// <summary>Makes one change of the node's own state under the lock and publishes the result.</summary>
    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            Publish();
        }
    }

    private void NudgeWorkers()
    {
        foreach (var thread in _threads)
        {
            thread.Nudge();
        }
    }
}
