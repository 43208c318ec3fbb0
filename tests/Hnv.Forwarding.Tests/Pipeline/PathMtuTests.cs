using System.Buffers.Binary;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>A VM gets "too big" errors that tell it the size that fits; NVGRE is never fragmented (RFC 7637 section 4).</summary>
[Trait("tier", "pure")]
public sealed class PathMtuTests
{
    private readonly ForwardingCounters _counters = new();

    // IPv4 UDP: 20 (IP) + 8 (UDP) + payload = IP length.
    [Theory]
    [InlineData(1500, 1458 - 28, VerdictKind.Encapsulate)] // 1500 - 20 (outer IPv4) - 8 (GRE) - 14 (inner Ethernet) = 1458 fits
    [InlineData(1500, 1459 - 28, VerdictKind.Reply)]       // one byte more: fragmentation needed
    [InlineData(9000, 1472, VerdictKind.Encapsulate)]      // a jumbo underlay carries a full 1500-byte VM packet
    public void Ipv4PacketOverIpv4Pa_FitsOrGetsFragmentationNeededWithMtu1458(int underlayMtu, int payload, VerdictKind expected)
    {
        var packet = Udp(A1, A2, payload: payload);

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(underlayMtu), _counters);

        Assert.Equal(expected, verdict.Kind);
        if (expected == VerdictKind.Reply)
        {
            var icmp = Icmp(packet.Data);
            Assert.Equal(IcmpV4.TypeDestinationUnreachable, icmp[0]);
            Assert.Equal(IcmpV4.CodeFragmentationNeeded, icmp[1]);
            Assert.Equal(1458, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(6))); // RFC 1191 next-hop MTU
            Assert.True(InternetChecksum.IsValid(icmp));
            Assert.True(icmp.Length <= 576 - 20);
            Assert.Equal(DropReason.PacketTooBig, verdict.Reason);
            Assert.Equal(1, _counters.Drops(DropReason.PacketTooBig));
        }
    }

    [Fact]
    public void Ipv4PacketOverIpv6Pa_GetsMtu1438()
    {
        var packet = Udp(A1, A5, payload: 1439 - 28);

        ForwardingPipeline.FromPort(packet, 0, Host1(), _counters);

        var icmp = Icmp(packet.Data);
        Assert.Equal(IcmpV4.TypeDestinationUnreachable, icmp[0]);
        Assert.Equal(1438, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(6))); // 1500 - 40 - 8 - 14
    }

    [Fact]
    public void Ipv6PacketTooBig_GetsPacketTooBigWithMtuAndQuoteWithin1280()
    {
        var packet = Udp(A1, A2, v6: true, payload: 1400); // 40 + 8 + 1400 = 1448 > 1438

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(), _counters);

        Assert.Equal(VerdictKind.Reply, verdict.Kind);
        var reply = packet.Data.ToArray();
        var summary = Parse(reply);
        var icmp = Icmp(reply);
        Assert.Equal(IcmpV6.TypePacketTooBig, icmp[0]);
        Assert.Equal(1438u, BinaryPrimitives.ReadUInt32BigEndian(icmp.AsSpan(4)));
        Assert.Equal(1280, summary.IpLength); // RFC 4443 2.4(c): as much as fits in the minimum MTU
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Icmpv6, icmp));
    }

    [Fact]
    public void LocalDelivery_IsNotLimitedByTheUnderlayMtu()
    {
        var verdict = ForwardingPipeline.FromPort(Udp(A1, A3, payload: 1472), 0, Host1(), _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
    }
}
