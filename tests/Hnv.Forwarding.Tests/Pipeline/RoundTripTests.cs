using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>host1's pipeline encapsulates, host2's decapsulates: the VM on host2 gets what it should.</summary>
[Trait("tier", "pure")]
public sealed class RoundTripTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "a2", false },  // IPv4 CA over IPv4 PA, same subnet
        { "a2", true },   // IPv6 CA over IPv6 PA
        { "a4", false },  // routed to another subnet of the domain
        { "a4", true },
        { "b2", false },  // tenant B, same CAs as tenant A
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostToHost_FrameArrivesAtTheRightPortAsTheVmExpectsIt(string to, bool v6)
    {
        var (from, port, target, egressPort) = to switch
        {
            "a2" => (A1, 0, A2, 0),
            "a4" => (A1, 0, A4, 1),
            _ => (B1, 2, B2, 2),
        };
        var host1 = Host1();
        var routed = target.Vsid != from.Vsid;
        var packet = Udp(from, v6 ? target.Ca6!.Value : target.Ca4, routed ? host1.Settings.RouterMac : target.Mac, payload: 100);
        var sent = Parse(packet.Data);
        var counters = new ForwardingCounters();

        var out1 = ForwardingPipeline.FromPort(packet, port, host1, counters);
        var out2 = ForwardingPipeline.FromUnderlay(packet, Host2(), counters);

        Assert.Equal(VerdictKind.Encapsulate, out1.Kind);
        Assert.Equal(VerdictKind.Deliver, out2.Kind);
        Assert.Equal(egressPort, out2.Port);
        var received = Parse(packet.Data);
        Assert.Equal((sent.Source, sent.Destination, sent.SourcePort, sent.DestinationPort), (received.Source, received.Destination, received.SourcePort, received.DestinationPort));
        Assert.Equal(target.Mac, received.DestinationMac);
        Assert.Equal(routed ? sent.HopLimit - 1 : sent.HopLimit, received.HopLimit);
        Assert.Equal(0, counters.TotalDrops);
    }
}
