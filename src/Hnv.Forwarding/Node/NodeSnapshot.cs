using System.Collections.Frozen;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;

namespace Hnv.Forwarding.Node;

/// <summary>
/// Everything one packet's trip through the pipeline reads: the policy snapshot, this host's settings and
/// its ports. Immutable; built off the packet path and swapped in whole, so a worker reads it
/// once per batch and never sees half an update.
/// </summary>
public sealed class NodeSnapshot
{
    private readonly LocalPort?[] _portsByIndex;
    private readonly SubnetView?[] _subnetsByPort;
    private readonly FrozenDictionary<MacAddress, LocalPort> _portsByMac;
    private readonly FrozenDictionary<Rdid, LocalPort> _outsides;
    private readonly RoutingDomainView?[] _outsideDomainsByPort;

    /// <summary>Indexes <paramref name="ports"/> by number and MAC.</summary>
    public NodeSnapshot(PolicySnapshot policy, NodeSettings settings, IEnumerable<LocalPort> ports)
    {
        Policy = policy;
        Settings = settings;
        var list = ports.ToList();
        _portsByIndex = new LocalPort?[list.Count == 0 ? 0 : list.Max(p => p.Index) + 1];
        _subnetsByPort = new SubnetView?[_portsByIndex.Length];
        _outsideDomainsByPort = new RoutingDomainView?[_portsByIndex.Length];
        foreach (var port in list)
        {
            _portsByIndex[port.Index] = port;
            if (port.OutsideOf is { } rdid)
            {
                _outsideDomainsByPort[port.Index] = policy.TryGetRoutingDomain(rdid, out var domain) ? domain : null;
                continue;
            }

            // Resolved once here, not once per packet: every frame from a port is in that port's subnet.
            _subnetsByPort[port.Index] = policy.TryGetSubnet(port.Vsid, out var subnet) ? subnet : null;
        }

        _portsByMac = list.ToFrozenDictionary(p => p.Mac);
        _outsides = list.Where(p => p.OutsideOf is not null).ToFrozenDictionary(p => p.OutsideOf!.Value);
    }

    /// <summary>The policy in force.</summary>
    public PolicySnapshot Policy { get; }

    /// <summary>This host's settings.</summary>
    public NodeSettings Settings { get; }

    /// <summary>The ports, in index order (gaps skipped).</summary>
    public IEnumerable<LocalPort> Ports => _portsByIndex.OfType<LocalPort>();

    /// <summary>The same host with another policy snapshot (ports and settings shared).</summary>
    public NodeSnapshot WithPolicy(PolicySnapshot policy) => new(policy, Settings, Ports);

    /// <summary>The port with this index.</summary>
    public bool TryGetPort(int index, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out LocalPort port)
    {
        port = (uint)index < (uint)_portsByIndex.Length ? _portsByIndex[index] : null;
        return port is not null;
    }

    /// <summary>The virtual subnet of port <paramref name="index"/>, when policy has it.</summary>
    public bool TryGetPortSubnet(int index, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SubnetView subnet)
    {
        subnet = (uint)index < (uint)_subnetsByPort.Length ? _subnetsByPort[index] : null;
        return subnet is not null;
    }

    /// <summary>The routing domain whose outside port <paramref name="index"/> is, when policy has the domain.</summary>
    public bool TryGetOutsideDomain(int index, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out RoutingDomainView domain)
    {
        domain = (uint)index < (uint)_outsideDomainsByPort.Length ? _outsideDomainsByPort[index] : null;
        return domain is not null;
    }

    /// <summary>This node's outside port of routing domain <paramref name="rdid"/> (a gateway serving it has one).</summary>
    public bool TryGetOutsidePort(Rdid rdid, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out LocalPort port) =>
        _outsides.TryGetValue(rdid, out port);

    /// <summary>The local port whose NIC has this MAC.</summary>
    public bool TryGetPortByMac(MacAddress mac, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out LocalPort port) =>
        _portsByMac.TryGetValue(mac, out port);
}
