using System.Buffers.Binary;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Building;
using Hnv.Wire.Ip;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>
/// A TCP super-frame a VM's kernel sent in one piece (TSO), passed whole where the underlay segments it: each segment
/// must fit the path, not the whole; it is encapsulated once and counted as the packets it stands for.
/// </summary>
[Trait("tier", "pure")]
public sealed class SuperFrameTests
{
    private const int Segments = 20;

    private readonly ForwardingCounters _counters = new();

    [Theory]
    [InlineData(1458 - 40, VerdictKind.Encapsulate)] // 20 (IPv4) + 20 (TCP) + 1418 = 1458: each segment fits a 1500 underlay
    [InlineData(1459 - 40, VerdictKind.Reply)]       // one byte more per segment: fragmentation needed
    public void FromPort_EachSegmentMustFitThePathMtu(int segmentSize, VerdictKind expected)
    {
        var packet = SuperFrame(A1, A2, segmentSize);

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(1500), _counters);

        Assert.Equal(expected, verdict.Kind);
        if (expected == VerdictKind.Encapsulate)
        {
            Assert.Equal(segmentSize, packet.SegmentSize); // left for the underlay, which has it segmented
            Assert.Equal(Segments, _counters.Vsid(5001).EncapsulatedPackets);
            Assert.Equal(Segments, _counters.Port(0).ReceivedPackets);
        }
        else
        {
            var icmp = Icmp(packet.Data);
            Assert.Equal(IcmpV4.CodeFragmentationNeeded, icmp[1]);
            Assert.Equal(1458, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(6)));
            Assert.Equal((0, 1), (packet.SegmentSize, packet.Segments)); // the reply is one plain packet
            Assert.Equal(Segments, _counters.Drops(DropReason.PacketTooBig));
        }
    }

    [Fact]
    public void FromPort_Ipv6SuperFrame_ChecksItsSegmentsAgainstTheIpv6Mtu()
    {
        // a2's IPv6 CA is behind host2's IPv6 PA: 40 (IPv6) + 20 (TCP) + 1378 = 1438 fits a 1500 underlay (1500 - 40 - 8 - 14),
        // one byte more does not.
        Assert.Equal(VerdictKind.Encapsulate, ForwardingPipeline.FromPort(SuperFrame(A1, A2, 1378, v6: true), 0, Host1(1500), _counters).Kind);
        var tooBig = SuperFrame(A1, A2, 1379, v6: true);
        Assert.Equal(VerdictKind.Reply, ForwardingPipeline.FromPort(tooBig, 0, Host1(1500), _counters).Kind);
        Assert.Equal(IcmpV6.TypePacketTooBig, Icmp(tooBig.Data)[0]);
    }

    [Fact]
    public void FromPort_ToALocalVm_IsDeliveredWholeAndCountedPerSegment()
    {
        var packet = SuperFrame(A1, A3, 3000); // segments larger than the underlay carries: local delivery knows no underlay MTU

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(1500), _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
        Assert.Equal(3000, packet.SegmentSize);
        Assert.Equal(Segments, _counters.Vsid(5001).LocalPackets);
        Assert.Equal(Segments, _counters.Port(1).SentPackets);
    }

    /// <summary>A TCP frame of <see cref="Segments"/> segments' payload with the segment size set, as a VM port hands one over.</summary>
    private static PacketBuffer SuperFrame(Vm from, Vm to, int segmentSize, bool v6 = false)
    {
        var packet = Build(span => FrameBuilder.Tcp(span, from.Mac, to.Mac, v6 ? from.Ca6!.Value : from.Ca4, v6 ? to.Ca6!.Value : to.Ca4,
            40000, 5201, 1000, 0x10, Bytes(segmentSize * Segments)));
        packet.SegmentSize = segmentSize;
        packet.Segments = Segments;
        return packet;
    }
}
