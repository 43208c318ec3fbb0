namespace Hnv.Client.Agent;

/// <summary>
/// The agent's configuration file (JSON, camelCase), as operators and `hnv lab` write it:
/// <code>
/// { "host": "host1",
///   "underlay": { "interface": "eth0", "mtu": 1500, "providerAddresses": ["192.0.2.1", "2001:db8::1"] },
///   "policyFile": "/run/hnv/labs/demo/policy.json",
///   "apiSocket": "/run/hnv/labs/demo/host1.sock", "workers": 2,
///   "ports": [ { "name": "b1", "namespace": "demo-b1", "interfaceName": "eth0", "mac": "02:00:00:00:00:01",
///                "vsid": 5001, "addresses": ["10.0.0.10", "fd00:b::10"] } ] }
/// </code>
/// This is the input form; the agent reads it into its validated settings.
/// </summary>
public sealed class AgentConfig
{
    public string? Host { get; set; }

    public UnderlayConfig? Underlay { get; set; }

    /// <summary>The policy document (Hnv.Policy JSON) to forward with; watched for changes.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Policy from the controller instead of <see cref="PolicyFile"/>.</summary>
    public ControllerConfig? Controller { get; set; }

    /// <summary>Where the local API listens (a Unix socket path).</summary>
    public string? ApiSocket { get; set; }

    /// <summary>
    /// Forwarding threads: 1 (the default) runs both directions on one thread; 2 runs one per direction, VMs to
    /// underlay and underlay to VMs, so each can have a CPU (a host that sets two cores aside for the agent).
    /// </summary>
    public int? Workers { get; set; }

    /// <summary>
    /// The CPU to pin each worker thread to: the VM-side worker's first, then the underlay's (one entry with
    /// workers = 1). Left out, the kernel's scheduler places them, which suits hosts that share every core.
    /// </summary>
    public List<int>? WorkerCpus { get; set; }

    /// <summary>Where Prometheus scrapes the agent's metrics, IP:PORT (left out: no metrics listener).</summary>
    public string? Metrics { get; set; }

    /// <summary>VM NICs to attach at start (more can be attached through the API).</summary>
    public List<PortConfig> Ports { get; set; } = [];
}
