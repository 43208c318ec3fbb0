using System.Net;
using Hnv.Linux.Links;
using Hnv.Linux.Tests.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Links;

/// <summary>Next hops as the kernel resolves them, on a real veth pair between two namespaces.</summary>
[Trait("tier", "system")]
public sealed class NextHopsTests : IDisposable
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Unrouted = IPAddress.Parse("2001:db8:ff::1");

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Resolve_OnLinkPeerBeforeAndAfterSolicit_MacOnceTheKernelKnowsIt()
    {
        var pair = UnderlayPair.Create(_resources);
        var peerMac = new Link("u0", pair.NamespaceB).Show().MacAddress;

        var before = NextHops.Resolve([UnderlayPair.V4B, UnderlayPair.V6B], "u0", pair.NamespaceA);
        Assert.Equal((UnderlayPair.V4B, null), before[UnderlayPair.V4B]);
        Assert.Equal((UnderlayPair.V6B, null), before[UnderlayPair.V6B]);

        NetworkNamespace.Run(pair.NamespaceA, () =>
        {
            NextHops.Solicit(UnderlayPair.V4B, TimeSpan.FromSeconds(2));
            NextHops.Solicit(UnderlayPair.V6B, TimeSpan.FromSeconds(2));
        });

        var after = NextHops.Resolve([UnderlayPair.V4B, UnderlayPair.V6B], "u0", pair.NamespaceA);
        Assert.Equal((UnderlayPair.V4B, peerMac), after[UnderlayPair.V4B]);
        Assert.Equal((UnderlayPair.V6B, peerMac), after[UnderlayPair.V6B]);
    }

    [Fact]
    public void Resolve_ThroughGatewayOrWithoutRoute_NextHopIsTheGatewayOrLeftOut()
    {
        var pair = UnderlayPair.Create(_resources);
        new Link("u0", pair.NamespaceA).AddDefaultRoute(UnderlayPair.V4B);

        var hops = NextHops.Resolve([Remote, Unrouted], "u0", pair.NamespaceA); // no IPv6 default route: one lookup fails, the batch goes on

        Assert.Equal(UnderlayPair.V4B, hops[Remote].NextHop);
        Assert.False(hops.ContainsKey(Unrouted));
        Assert.Empty(NextHops.Resolve([Remote], "eth9", pair.NamespaceA)); // routed through another interface
    }
}
