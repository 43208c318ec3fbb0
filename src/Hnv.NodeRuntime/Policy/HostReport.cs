using Hnv.Client.Status;
using Hnv.Dataplane.Node;

namespace Hnv.NodeRuntime.Policy;

/// <summary>What a node tells the controller about itself at each report: revision, ports, underlay MTU and its counters.</summary>
internal static class HostReport
{
    public static HostStatusReport Of(ForwardingNode node, long revision, string version)
    {
        var counters = node.Counters; // the workers' counts added up once
        var ports = node.Ports;
        return new HostStatusReport
        {
            Revision = revision,
            Ports = ports.Count,
            Version = version,
            UnderlayMtu = node.Settings.UnderlayMtu,
            FlowIdHashing = node.Settings.FlowIdHashing,
            Counters = new HostCounters
            {
                Drops = counters.NonZeroDrops().ToDictionary(d => d.Key.ToString(), d => d.Value, StringComparer.Ordinal),
                Ports = [.. ports.Select(p => counters.PortOrNull(p.Local.Index) is { } c
                    ? new PortCounterReport
                    {
                        Name = p.Name, ReceivedPackets = c.ReceivedPackets, ReceivedBytes = c.ReceivedBytes, SentPackets = c.SentPackets, SentBytes = c.SentBytes,
                        Dropped = c.Dropped,
                    }
                    : new PortCounterReport { Name = p.Name })],
                Vsids = [.. counters.Vsids().OrderBy(v => v.Key).Select(v => new VsidCounterReport
                {
                    Vsid = v.Key, EncapsulatedPackets = v.Value.EncapsulatedPackets, EncapsulatedBytes = v.Value.EncapsulatedBytes,
                    DecapsulatedPackets = v.Value.DecapsulatedPackets, DecapsulatedBytes = v.Value.DecapsulatedBytes, LocalPackets = v.Value.LocalPackets,
                    Dropped = v.Value.Dropped,
                })],
            },
        };
    }
}
