using System.Diagnostics;
using System.Text.Json;
using Hnv.Client.Agent;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.Lab.Fabric;

/// <summary>
/// `hnv lab up`: builds the fabric, starts the lab's controller and programs the policy through its API, writes
/// the agent configs, starts the agents, configures the VMs and waits until every agent applied its policy. lab.json is saved before each thing is made, so `down` can remove a lab that failed or crashed half-way.
/// </summary>
public partial class LabBuilder
{
    private readonly LabTopology _topology;
    private readonly LabPaths _paths;
    private readonly IReadOnlyList<string> _agent;
    private readonly IReadOnlyList<string> _controller;
    private readonly IReadOnlyList<string> _gateway;
    private readonly TimeSpan _timeout;
    private readonly TextWriter _progress;
    private readonly IpRunner _ip = new();
    private readonly LabState _state;

    /// <summary>A builder of <paramref name="topology"/> with these programs' command lines (<paramref name="gateway"/> may be empty without gateways).</summary>
    public LabBuilder(LabTopology topology, IReadOnlyList<string> agent, IReadOnlyList<string> controller, IReadOnlyList<string> gateway, TimeSpan timeout, TextWriter progress)
    {
        _controller = controller;
        _gateway = gateway;
        _topology = topology;
        _paths = LabPaths.For(topology.Name);
        _agent = agent;
        _timeout = timeout;
        _progress = progress;
        _state = new LabState { Name = topology.Name, CreatedAt = DateTimeOffset.UtcNow, Topology = topology };
    }

    /// <summary>The state being recorded (complete once <see cref="Build"/> returns).</summary>
    public LabState State => _state;

    /// <summary>Throws when anything of a lab with this name is already there.</summary>
    public void CheckAbsent()
    {
        var left = IpRunner.NamespacesOf(_topology.Name);
        if (Directory.Exists(_paths.Directory) || left.Count > 0)
        {
            var what = left.Count > 0 ? $"namespaces {string.Join(", ", left)}" : $"the state folder {_paths.Directory}";
            throw new LabException($"A lab named '{_topology.Name}' is already up ({what}); run 'hnv lab down {_topology.Name}' first, or give the topology another name.");
        }
    }

    /// <summary>Makes the whole lab.</summary>
    public void Build()
    {
        var policy = LabPolicy.BuildValidated(_topology);
        Directory.CreateDirectory(_paths.Directory);
        Save();
        BuildFabric();
        StartController();
        StartPage();
        ProgramController(policy);
        foreach (var host in _topology.Hosts)
        {
            WriteFile(_paths.AgentConfig(host.Name), JsonSerializer.Serialize(AgentConfigFor(host), LabJsonContext.Default.AgentConfig));
        }

        StartAgents();
        StartGateways();
        ConfigureVms();
        WaitForHostsCurrent();
        WaitForGatewayRoutes();
    }

    /// <summary>
    /// Where each agent and gateway serves its metrics: the same address in every node's own namespace
    /// (<c>ip netns exec LAB-host1 curl 127.0.0.1:9464/metrics</c>).
    /// </summary>
    public const string MetricsAddress = "127.0.0.1:9464";

    /// <summary>The agent configuration of <paramref name="host"/>: its PAs and one port per VM it runs.</summary>
    public AgentConfig AgentConfigFor(LabHost host) => new()
    {
        Host = host.Name,
        Underlay = UnderlayConfigFor(host),
        Controller = ControllerConfigFor(host.Name),
        ApiSocket = _paths.ApiSocket(host.Name),
        Metrics = MetricsAddress,
        Ports = _topology.Vms.FindAll(v => v.Host == host.Name).ConvertAll(v => new PortConfig
        {
            Name = v.Name,
            Namespace = v.Namespace,
            InterfaceName = "eth0",
            Mac = v.Mac,
            ExistingInterface = v.Veth ? v.Name : null,
            Vsid = v.Vsid,
            Addresses = v.Addresses.ConvertAll(a => LabPolicy.Address(a).ToString()),
        }),
    };

    /// <summary>The underlay section of a node on the fabric (a host or a gateway): eth0, the lab's MTU, its PAs.</summary>
    private UnderlayConfig UnderlayConfigFor(LabHost node) => new()
    {
        Interface = "eth0",
        Mtu = _topology.Mtu,
        ProviderAddresses = node.ProviderAddresses.ConvertAll(pa => LabPolicy.Address(pa).ToString()),
        Gso = _topology.Gso,
    };

    /// <summary>The controller section of a node: the lab's controller, the node's token and policy cache.</summary>
    private ControllerConfig ControllerConfigFor(string node) => new()
    {
        Address = "unix:" + _paths.ControllerSocket,
        TokenFile = _paths.AgentToken(node),
        CacheFile = _paths.PolicyCache(node),
    };

    private void BuildFabric()
    {
        var lab = _topology.Name;
        var mtu = _topology.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fabric = LabNames.Prefixed(lab, LabNames.Fabric);
        var bridge = LabNames.Prefixed(lab, LabNames.Bridge);
        AddNamespace(fabric);
        QuietFabricFirewall(fabric);
        _ip.Ip("-n", fabric, "link", "add", bridge, "mtu", mtu, "type", "bridge", "nf_call_iptables", "0", "nf_call_ip6tables", "0", "nf_call_arptables", "0");
        _ip.Ip("-n", fabric, "link", "set", bridge, "up");
        foreach (var host in _topology.Hosts.Concat(_topology.Gateways.Select(g => g.Node())))
        {
            AddNamespace(host.Namespace);
            _ip.Ip("-n", fabric, "link", "add", host.Namespace, "mtu", mtu, "type", "veth", "peer", "name", "eth0", "mtu", mtu, "netns", host.Namespace);
            _ip.Ip("-n", fabric, "link", "set", host.Namespace, "master", bridge, "up");
            foreach (var pa in host.ProviderAddresses)
            {
                AddAddress(host.Namespace, pa);
            }

            _ip.Ip("-n", host.Namespace, "link", "set", "eth0", "up");
            _ip.Ip("-n", host.Namespace, "link", "set", "lo", "up");
            if (_topology.Gro)
            {
                MergeLikeANic(fabric, host.Namespace);
            }
        }

        foreach (var vm in _topology.Vms)
        {
            AddNamespace(vm.Namespace);
            _ip.Ip("-n", vm.Namespace, "link", "set", "lo", "up");
            if (vm.Veth)
            {
                // As a container runtime wires a container: eth0 inside, the host end (named as the VM) beside the
                // agent, which attaches it at start. Both ends at the VMs' MTU, with the runtime's default offloads.
                var host = _topology.Hosts.Find(h => h.Name == vm.Host)!;
                var vmMtu = _topology.VmMtu.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _ip.Ip("-n", host.Namespace, "link", "add", vm.Name, "mtu", vmMtu, "type", "veth", "peer", "name", "eth0", "mtu", vmMtu, "netns", vm.Namespace);
                _ip.Ip("-n", host.Namespace, "link", "set", vm.Name, "up");
            }
        }

        if (_topology.Gateways.Count > 0)
        {
            BuildOutside();
        }
    }

    /// <summary>
    /// The fabric stands for the datacenter's switches, which run no host firewall. Where br_netfilter is loaded
    /// (Docker loads it), a new namespace's bridges hand every frame to iptables: for hnv, which sends one frame
    /// per segment where the kernel's VXLAN sends one per 64 KiB, that cost 15 % of the sending agent's time and
    /// is nothing a real host pays. Absent module, absent settings: nothing to turn off.
    /// </summary>
    private void QuietFabricFirewall(string fabric)
    {
        foreach (var family in new[] { "iptables", "ip6tables", "arptables" })
        {
            _ip.TryRun("ip", ["netns", "exec", fabric, "sysctl", "-q", "-w", $"net.bridge.bridge-nf-call-{family}=0"], out _, out _);
        }
    }

    /// <summary>
    /// Makes the host's eth0 merge received segments as a physical NIC with GRO on does. A veth merges only in NAPI
    /// mode, which GRO turns on, and only frames from a peer that claims no TSO (what such a peer sends could not be
    /// merged further); the fabric's end gives that up, so it hands the host MTU-sized frames as a wire would. A
    /// NIC's interrupt moderation lets one poll see many frames; a veth polls for each, so a 50 µs flush timeout
    /// (a common moderation interval) holds a merge open across polls.
    /// </summary>
    private void MergeLikeANic(string fabric, string host)
    {
        _ip.Run("ip", ["netns", "exec", fabric, "ethtool", "-K", host, "tso", "off"]);
        _ip.Run("ip", ["netns", "exec", host, "ethtool", "-K", "eth0", "gro", "on"]);
        _ip.Run("ip", ["netns", "exec", host, "sh", "-c", "echo 50000 > /sys/class/net/eth0/gro_flush_timeout"]);
    }

    private void AddNamespace(string name)
    {
        _state.Namespaces.Add(name);
        Save();
        _ip.Ip("netns", "add", name);
    }

    private void AddAddress(string space, string cidr)
    {
        if (cidr.Contains(':', StringComparison.Ordinal))
        {
            _ip.Ip("-n", space, "-6", "addr", "add", cidr, "dev", "eth0", "nodad");
        }
        else
        {
            _ip.Ip("-n", space, "addr", "add", cidr, "dev", "eth0");
        }
    }

    private void WriteFile(string path, string text)
    {
        File.WriteAllText(path, text);
        _state.Files.Add(path);
        Save();
    }

    private void Save() => LabStateFile.Save(_paths, _state);

    /// <summary>Polls <paramref name="ready"/> until it holds, printing a dot a second; false at the time limit.</summary>
    private bool WaitFor(Func<bool> ready, Func<string?> failed, out string? failure)
    {
        var clock = Stopwatch.StartNew();
        var dots = 0L;
        while (true)
        {
            if (ready())
            {
                failure = null;
                return true;
            }

            if ((failure = failed()) is not null || clock.Elapsed > _timeout)
            {
                return false;
            }

            Thread.Sleep(50);
            if (clock.ElapsedMilliseconds / 1000 > dots)
            {
                dots++;
                _progress.Write('.');
            }
        }
    }
}
