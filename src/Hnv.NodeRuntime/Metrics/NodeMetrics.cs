using System.Globalization;
using Hnv.Dataplane.Node;
using Prometheus;

namespace Hnv.NodeRuntime.Metrics;

/// <summary>
/// A forwarding node's counters in Prometheus's terms, read from the node at each scrape (nothing is counted twice, and
/// nothing on the packet path changes): drops by reason (`hnv_drop_count_total{reason}`, as Cilium's
/// `drop_count_total`), packets and bytes per VSID by what the node did with them, per port by direction, the policy
/// revision and the ports attached. Labels are bounded by what the node hosts: its VSIDs, its ports, the drop reasons.
/// </summary>
public sealed class NodeMetrics
{
    private readonly ForwardingNode _node;
    private readonly Counter _drops;
    private readonly Counter _vsidPackets;
    private readonly Counter _vsidBytes;
    private readonly Counter _portPackets;
    private readonly Counter _portBytes;
    private readonly Gauge _revision;
    private readonly Gauge _ports;

    public NodeMetrics(ForwardingNode node)
    {
        _node = node;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _drops = factory.CreateCounter("hnv_drop_count_total", "Packets the node dropped, by reason (hnv decode and GET /v1/counters say what each means).", "reason");
        _vsidPackets = factory.CreateCounter("hnv_vsid_packets_total", "Packets of a virtual subnet: encapsulated to another host, decapsulated from one, delivered on this host, dropped.", "vsid", "action");
        _vsidBytes = factory.CreateCounter("hnv_vsid_bytes_total", "Bytes of a virtual subnet's packets, by what the node did with them.", "vsid", "action");
        _portPackets = factory.CreateCounter("hnv_port_packets_total", "Packets a port (a VM's NIC, a gateway's outside port) received from its device or sent to it.", "port", "direction");
        _portBytes = factory.CreateCounter("hnv_port_bytes_total", "Bytes a port received from its device or sent to it.", "port", "direction");
        _revision = factory.CreateGauge("hnv_policy_revision", "The controller revision (or file revision) the node forwards with.");
        _ports = factory.CreateGauge("hnv_ports", "Ports attached to the node.");
        Registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>The registry a scrape reads (its own, so two nodes in one process never share counters).</summary>
    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var counters = _node.Counters;
        foreach (var (reason, count) in counters.NonZeroDrops())
        {
            _drops.WithLabels(reason.ToString()).IncTo(count);
        }

        foreach (var (vsid, v) in counters.Vsids())
        {
            var label = vsid.ToString(CultureInfo.InvariantCulture);
            _vsidPackets.WithLabels(label, "encapsulated").IncTo(v.EncapsulatedPackets);
            _vsidPackets.WithLabels(label, "decapsulated").IncTo(v.DecapsulatedPackets);
            _vsidPackets.WithLabels(label, "local").IncTo(v.LocalPackets);
            _vsidPackets.WithLabels(label, "dropped").IncTo(v.Dropped);
            _vsidBytes.WithLabels(label, "encapsulated").IncTo(v.EncapsulatedBytes);
            _vsidBytes.WithLabels(label, "decapsulated").IncTo(v.DecapsulatedBytes);
        }

        var ports = _node.Ports;
        foreach (var port in ports)
        {
            if (counters.PortOrNull(port.Local.Index) is not { } p)
            {
                continue;
            }

            _portPackets.WithLabels(port.Name, "rx").IncTo(p.ReceivedPackets);
            _portPackets.WithLabels(port.Name, "tx").IncTo(p.SentPackets);
            _portBytes.WithLabels(port.Name, "rx").IncTo(p.ReceivedBytes);
            _portBytes.WithLabels(port.Name, "tx").IncTo(p.SentBytes);
        }

        _revision.Set(_node.Revision);
        _ports.Set(ports.Count);
    }
}
