using System.Net;
using Hnv.Linux.Links;
using Hnv.Linux.Tests.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Links;

/// <summary>Next hops as the kernel resolves them, on a real veth pair between two namespaces.</summary>
[Trait("tier", "system")]
public sealed class NextHopsTests : IDisposable
{
    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void RouteNeighbourSolicit_OnLinkPeer_ResolvesToItsMac()
    {
        var pair = UnderlayPair.Create(_resources);
        var peerMac = new Link("u0", pair.NamespaceB).Show().MacAddress;

        Assert.Equal(("u0", UnderlayPair.V4B), NextHops.Route(UnderlayPair.V4B, pair.NamespaceA));
        Assert.Null(NextHops.Neighbour(UnderlayPair.V4B, "u0", pair.NamespaceA));

        NetworkNamespace.Run(pair.NamespaceA, () => NextHops.Solicit(UnderlayPair.V4B, TimeSpan.FromSeconds(2)));
        Assert.Equal(peerMac, NextHops.Neighbour(UnderlayPair.V4B, "u0", pair.NamespaceA));

        NetworkNamespace.Run(pair.NamespaceA, () => NextHops.Solicit(UnderlayPair.V6B, TimeSpan.FromSeconds(2)));
        Assert.Equal(peerMac, NextHops.Neighbour(UnderlayPair.V6B, "u0", pair.NamespaceA));
    }

    [Fact]
    public void Route_ThroughGatewayOrNone_NextHopIsTheGatewayOrNull()
    {
        var pair = UnderlayPair.Create(_resources);
        new Link("u0", pair.NamespaceA).AddDefaultRoute(UnderlayPair.V4B);

        Assert.Equal(("u0", UnderlayPair.V4B), NextHops.Route(IPAddress.Parse("203.0.113.7"), pair.NamespaceA));
        Assert.Null(NextHops.Route(IPAddress.Parse("2001:db8:ff::1"), pair.NamespaceA)); // no IPv6 default route
    }
}
