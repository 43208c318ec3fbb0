using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Counters;

[Trait("tier", "pure")]
public sealed class ForwardingCountersTests
{
    [Fact]
    public void Pipeline_CountsPerPortPerVsidAndDropsByReason()
    {
        var host = Host1();
        var counters = new ForwardingCounters();
        var sent = Udp(A1, A2, payload: 10);
        var sentLength = sent.Length;

        ForwardingPipeline.FromPort(sent, 0, host, counters);       // encapsulated in 5001
        ForwardingPipeline.FromPort(Udp(A1, A3), 0, host, counters); // local to port 1
        ForwardingPipeline.FromPort(Udp(A3, A2), 0, host, counters); // spoofed on port 0
        ForwardingPipeline.FromPort(Udp(B1, B2), 2, host, counters); // encapsulated in 6001

        Assert.Equal(3, counters.Port(0).ReceivedPackets);
        Assert.True(counters.Port(0).ReceivedBytes >= 3 * sentLength);
        Assert.Equal(1, counters.Port(0).Dropped);
        Assert.Equal(1, counters.Port(1).SentPackets);
        Assert.Equal(1, counters.Vsid(5001).EncapsulatedPackets);
        Assert.Equal(1, counters.Vsid(5001).LocalPackets);
        Assert.Equal(1, counters.Vsid(5001).Dropped);
        Assert.Equal(1, counters.Vsid(6001).EncapsulatedPackets);
        Assert.Equal([new KeyValuePair<DropReason, long>(DropReason.SourceMacSpoofed, 1)], counters.NonZeroDrops());
    }
}
