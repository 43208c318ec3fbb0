using System.Collections.Immutable;
using Hnv.Client.Status;
using Hnv.Controller.State;
using Hnv.Forwarding.Node;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.Trace;

/// <summary>
/// A host as the controller would have it forward: the policy in force (each host's view holds its domains whole, so for
/// their packets it decides as the host does), the host's NICs as its ports, a gateway's outside ports, its PAs, and the
/// underlay MTU its agent reported.
/// </summary>
internal static class TraceNodes
{
    /// <summary>What an agent that never reported its MTU is taken to have.</summary>
    public const int AssumedMtu = 1500;

    /// <summary>The MAC the trace gives a gateway's outside port of a domain (the real one is the routing context's leg).</summary>
    private const ulong OutsideMacBase = 0x02_68_6E_FF_00_00UL;

    public static NodeSnapshot Of(ControllerState state, string host, HostStatusReport? report)
    {
        var pas = state.HostPas.GetValueOrDefault(host, []);
        var settings = new NodeSettings
        {
            ProviderAddressV4 = pas.Select(p => p.Pa).Where(p => !p.IsV6).Cast<IpAddress?>().FirstOrDefault(),
            ProviderAddressV6 = pas.Select(p => p.Pa).Where(p => p.IsV6).Cast<IpAddress?>().FirstOrDefault(),
            UnderlayMtu = report?.UnderlayMtu ?? AssumedMtu,
            FlowIdHashing = report?.FlowIdHashing ?? true,
        };
        var ports = new List<LocalPort>();
        foreach (var name in state.NicsByHost.GetValueOrDefault(host, []))
        {
            var nic = state.Nics[name];
            ports.Add(new LocalPort(ports.Count, nic.Name, nic.Mac, nic.Vsid, nic.Addresses));
        }

        foreach (var rdid in state.GatewayServes.GetValueOrDefault(host, []))
        {
            ports.Add(new LocalPort(ports.Count, OutsideName(state, rdid), new MacAddress(OutsideMacBase + (uint)ports.Count), default, ImmutableArray<IpAddress>.Empty)
            {
                OutsideOf = rdid,
            });
        }

        return new NodeSnapshot(state.Policy, settings, ports);
    }

    /// <summary>How a trace names a gateway's outside port of a routing domain.</summary>
    public static string OutsideName(ControllerState state, Policy.Model.Rdid rdid) =>
        $"outside of {state.FindDomain(rdid)?.Name ?? rdid.ToString()}";
}
