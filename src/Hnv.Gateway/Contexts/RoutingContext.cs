using System.Globalization;
using Hnv.Client.Gateway;
using Hnv.Dataplane.Linux.VmPorts;
using Hnv.Dataplane.Ports;
using Hnv.Linux.Links;
using Hnv.Linux.Tap;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// One routing domain's kernel routing context: a network namespace holding the outside port's TAP ("vnet", toward the
/// domain's VMs through the forwarding node) and one end of a transit veth ("transit", toward the gateway's namespace and
/// the external interface). The kernel routes, translates (<see cref="NatRules"/>) and tracks connections there. Toward
/// the VMs it routes every prefix of the domain via a link-local next hop whose MAC is the default routers' (a permanent
/// neighbour), so it never sends ARP or ND into the virtual network.
/// </summary>
public sealed class RoutingContext : IDisposable
{
    private const string NextHop = "fe80::1";
    private HashSet<IpPrefix> _routed = [];

    private RoutingContext(GatewayDomain domain, ContextLayout layout)
    {
        Domain = domain;
        Layout = layout;
    }

    /// <summary>The domain and how it is served.</summary>
    public GatewayDomain Domain { get; private set; }

    /// <summary>Names and addresses.</summary>
    public ContextLayout Layout { get; }

    /// <summary>The prefixes routed toward the domain's VMs now.</summary>
    public IReadOnlyCollection<IpPrefix> Routed => _routed;

    /// <summary>
    /// Makes the namespace and the transit link (a namespace of that name left by a run that crashed is removed first),
    /// turns on forwarding there and loads the NAT rules. The outside port comes with <see cref="OpenOutsidePort"/>.
    /// </summary>
    public static RoutingContext Create(GatewayDomain domain, ContextLayout layout)
    {
        if (NetworkNamespace.Exists(layout.Namespace))
        {
            NetworkNamespace.Delete(layout.Namespace);
        }

        NetworkNamespace.Create(layout.Namespace);
        var context = new RoutingContext(domain, layout);
        try
        {
            var ns = layout.Namespace;
            KernelCommands.IpBatch(null, [
                $"link add {layout.TransitLink} type veth peer name {ContextLayout.TransitLinkName} netns {ns}",
                $"addr add {layout.GatewayTransit}/31 dev {layout.TransitLink}",
                $"link set {layout.TransitLink} up",
            ]);
            KernelCommands.IpBatch(ns, [
                "link set lo up",
                $"addr add {layout.ContextTransit}/31 dev {ContextLayout.TransitLinkName}",
                $"link set {ContextLayout.TransitLinkName} up",
                $"route add default via {layout.GatewayTransit} dev {ContextLayout.TransitLinkName}",
            ]);
            NetworkNamespace.Run(ns, () =>
            {
                // /proc/sys/net is the namespace of the thread that opens it: no sysctl process needed.
                File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1");
                File.WriteAllText("/proc/sys/net/ipv6/conf/all/forwarding", "1");
            });
            KernelCommands.ReplaceTable(ns, NatRules.ContextTable, NatRules.Context(domain, layout));
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes the outside port: a TAP with virtio offloads, moved into the context as "vnet" with the port's MAC and the
    /// inner MTU (so the context's kernel answers "too big" for what would not fit the underlay), and the permanent
    /// neighbour its routes toward the VMs use. Not persistent: closing the descriptor removes it.
    /// </summary>
    public IVmPort OpenOutsidePort(int index, int innerMtu, MacAddress routerMac, bool superFramesWhole)
    {
        var tap = TapDevice.Create(Layout.TapName, TapOptions.NonBlocking | TapOptions.Offloads);
        try
        {
            var ns = Layout.Namespace;
            KernelCommands.Ip(null, "link", "set", Layout.TapName, "netns", ns, "name", ContextLayout.PortLinkName);
            KernelCommands.IpBatch(ns, [
                $"link set {ContextLayout.PortLinkName} address {Layout.OutsideMac} mtu {innerMtu.ToString(CultureInfo.InvariantCulture)} addrgenmode none",
                $"link set {ContextLayout.PortLinkName} up",
                $"neigh replace {NextHop} lladdr {routerMac} dev {ContextLayout.PortLinkName} nud permanent",
            ]);
            return new OffloadVmPort<TapOffloads>(index, $"{Layout.Namespace}/{ContextLayout.PortLinkName}", new TapOffloads(tap), superFramesWhole);
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    /// <summary>Loads the rules of <paramref name="domain"/> (the same routing domain and mode: its addresses or forwards changed); tracked connections stay.</summary>
    public void Reconfigure(GatewayDomain domain)
    {
        if (domain.Equals(Domain))
        {
            return;
        }

        KernelCommands.ReplaceTable(Layout.Namespace, NatRules.ContextTable, NatRules.Context(domain, Layout));
        Domain = domain;
    }

    /// <summary>Routes exactly <paramref name="prefixes"/> (the domain's, from policy) toward the VMs; true when anything changed.</summary>
    public bool SyncRoutes(IReadOnlySet<IpPrefix> prefixes)
    {
        var removals = _routed.Where(p => !prefixes.Contains(p)).Select(p => $"route del {p} dev {ContextLayout.PortLinkName}").ToList();
        // An IPv4 prefix via an IPv6 next hop (RFC 5549): one neighbour serves both families. "replace" may run again.
        var additions = prefixes.Where(p => !_routed.Contains(p)).Select(p => $"route replace {p} via inet6 {NextHop} dev {ContextLayout.PortLinkName}").ToList();
        if (removals.Count + additions.Count == 0)
        {
            return false;
        }

        KernelCommands.IpRemovals(Layout.Namespace, removals);
        _routed.ExceptWith(_routed.Where(p => !prefixes.Contains(p)).ToList());
        if (additions.Count > 0)
        {
            KernelCommands.IpBatch(Layout.Namespace, additions);
        }

        _routed = [.. prefixes];
        return true;
    }

    /// <summary>The connections this context tracks now (<c>conntrack -L</c> inside it).</summary>
    public IReadOnlyList<ConntrackEntry> Connections() =>
        [.. KernelCommands.Exec(Layout.Namespace, "conntrack", ["-L"]).Split('\n').Select(ConntrackEntry.Parse).OfType<ConntrackEntry>()];

    /// <summary>Removes the namespace, and with it the outside port and the transit link (both ends).</summary>
    public void Dispose()
    {
        if (NetworkNamespace.Exists(Layout.Namespace))
        {
            NetworkNamespace.Delete(Layout.Namespace);
        }

        // The namespace's end going takes this end along, but asynchronously: it may be gone by now, which is the aim.
        KernelCommands.IpRemovals(null, [$"link del {Layout.TransitLink}"]);
    }
}
