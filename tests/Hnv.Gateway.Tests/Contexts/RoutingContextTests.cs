using Hnv.Client.Gateway;
using Hnv.Forwarding.Node;
using Hnv.Gateway.Contexts;
using Hnv.Linux.Links;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Tests.Contexts;

/// <summary>A routing context made for real: namespace, transit link, outside port, routes that follow policy, NAT rules, removal.</summary>
[Trait("tier", "system")]
public sealed class RoutingContextTests : IDisposable
{
    private static readonly Rdid Blue = Rdid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private readonly ScratchNamespaces _spaces = new();

    public void Dispose() => _spaces.Dispose();

    private static GatewayDomain Nat() => new(Blue, GatewayMode.Nat, [IpAddress.Parse("203.0.113.100")],
        [new PortForward("tcp", 8080, IpAddress.Parse("10.0.0.11"), 80)]);

    [Fact]
    public void Create_MakesTheNamespaceTransitLinkAndNatRules()
    {
        var layout = ContextLayout.For(_spaces.ContextPrefix, Blue, 3);

        using var context = _spaces.InGateway(() => RoutingContext.Create(Nat(), layout));

        Assert.True(NetworkNamespace.Exists(layout.Namespace));
        Assert.Contains("100.64.0.6/31", ScratchNamespaces.Run("ip", "-n", _spaces.Gateway, "addr", "show", "dev", "hx3"), StringComparison.Ordinal);
        Assert.Contains("100.64.0.7/31", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "addr", "show", "dev", "transit"), StringComparison.Ordinal);
        Assert.Contains("default via 100.64.0.6", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "route"), StringComparison.Ordinal);
        var rules = ScratchNamespaces.Run("ip", "netns", "exec", layout.Namespace, "nft", "list", "table", "ip", NatRules.ContextTable);
        Assert.Contains("tcp dport 8080 dnat to 10.0.0.11:80", rules, StringComparison.Ordinal);
        Assert.Contains("snat to 100.64.0.7", rules, StringComparison.Ordinal);
        Assert.Equal("1", ScratchNamespaces.Run("ip", "netns", "exec", layout.Namespace, "sysctl", "-n", "net.ipv4.ip_forward").Trim());
    }

    [Fact]
    public void OpenOutsidePort_PutsTheTapInTheContextWithItsMacMtuAndNeighbour()
    {
        var layout = ContextLayout.For(_spaces.ContextPrefix, Blue, 0);
        using var context = _spaces.InGateway(() => RoutingContext.Create(Nat(), layout));

        using var port = _spaces.InGateway(() => context.OpenOutsidePort(0, 1458, NodeSettings.DefaultRouterMac, superFramesWhole: false));

        var link = ScratchNamespaces.Run("ip", "-n", layout.Namespace, "link", "show", "dev", "vnet");
        Assert.Contains(layout.OutsideMac.ToString(), link, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("mtu 1458", link, StringComparison.Ordinal);
        Assert.Contains("PERMANENT", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "-6", "neigh", "show", "dev", "vnet"), StringComparison.Ordinal);

        // No address of its own, so the kernel never sends ND or DAD into the virtual network.
        Assert.DoesNotContain("inet6", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "addr", "show", "dev", "vnet"), StringComparison.Ordinal);
    }

    [Fact]
    public void SyncRoutes_FollowsTheDomainsPrefixes()
    {
        var layout = ContextLayout.For(_spaces.ContextPrefix, Blue, 0);
        using var context = _spaces.InGateway(() => RoutingContext.Create(Nat(), layout));
        using var port = _spaces.InGateway(() => context.OpenOutsidePort(0, 1458, NodeSettings.DefaultRouterMac, superFramesWhole: false));

        Assert.True(context.SyncRoutes(new HashSet<IpPrefix> { IpPrefix.Parse("10.0.0.0/24"), IpPrefix.Parse("fd00:b::/64") }));
        Assert.False(context.SyncRoutes(new HashSet<IpPrefix> { IpPrefix.Parse("10.0.0.0/24"), IpPrefix.Parse("fd00:b::/64") }));
        Assert.Contains("10.0.0.0/24 via inet6 fe80::1 dev vnet", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "route"), StringComparison.Ordinal);
        Assert.Contains("fd00:b::/64 via fe80::1 dev vnet", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "-6", "route"), StringComparison.Ordinal);

        Assert.True(context.SyncRoutes(new HashSet<IpPrefix> { IpPrefix.Parse("10.1.0.0/24") }));

        var routes = ScratchNamespaces.Run("ip", "-n", layout.Namespace, "route");
        Assert.Contains("10.1.0.0/24 via inet6 fe80::1", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.0/24", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("fd00:b::/64", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "-6", "route"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_RemovesTheNamespaceAndBothEndsOfTheTransitLink()
    {
        var layout = ContextLayout.For(_spaces.ContextPrefix, Blue, 0);
        var context = _spaces.InGateway(() => RoutingContext.Create(Nat(), layout));

        _spaces.InGateway(() =>
        {
            context.Dispose();
            return 0;
        });

        Assert.False(NetworkNamespace.Exists(layout.Namespace));
        Assert.False(Link.Exists("hx0", _spaces.Gateway));
    }

    [Fact]
    public void Create_OverANamespaceLeftByACrash_StartsClean()
    {
        var layout = ContextLayout.For(_spaces.ContextPrefix, Blue, 0);
        NetworkNamespace.Create(layout.Namespace);
        ScratchNamespaces.Run("ip", "-n", layout.Namespace, "link", "set", "lo", "down");

        using var context = _spaces.InGateway(() => RoutingContext.Create(Nat(), layout));

        Assert.Contains("100.64.0.1/31", ScratchNamespaces.Run("ip", "-n", layout.Namespace, "addr", "show", "dev", "transit"), StringComparison.Ordinal);
    }
}
