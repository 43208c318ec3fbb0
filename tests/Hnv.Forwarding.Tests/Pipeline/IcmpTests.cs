using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class IcmpTests
{
    private readonly NodeSnapshot _host = Host1();
    private readonly ForwardingCounters _counters = new();

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("fd00:a::1")]
    public void EchoRequest_ToDefaultRouter_IsAnsweredWithValidChecksums(string router)
    {
        var gw = IpAddress.Parse(router);
        var source = gw.IsV6 ? A1.Ca6!.Value : A1.Ca4;
        var packet = Build(s => FrameBuilder.EchoRequest(s, A1.Mac, _host.Settings.RouterMac, source, gw, 77, 3, Bytes(56)));

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Reply, verdict.Kind);
        var reply = packet.Data.ToArray();
        var summary = Parse(reply);
        Assert.Equal((gw, source, A1.Mac), (summary.Source, summary.Destination, summary.DestinationMac));
        var icmp = Icmp(reply);
        Assert.Equal(gw.IsV6 ? IcmpV6.TypeEchoReply : IcmpV4.TypeEchoReply, icmp[0]);
        Assert.Equal(Bytes(56), icmp[8..]);
        Assert.True(gw.IsV6
            ? InternetChecksum.IsValidWithPseudoHeader(gw, source, IpProtocol.Icmpv6, icmp)
            : InternetChecksum.IsValid(icmp) && InternetChecksum.IsValid(Ipv4(reply).AsSpan(0, 20)));
    }

    [Fact]
    public void UdpToDefaultRouter_IsDropped() =>
        Assert.Equal(DropReason.RouterUnsupportedProtocol,
            ForwardingPipeline.FromPort(Udp(A1, IpAddress.Parse("10.0.0.1"), _host.Settings.RouterMac), 0, _host, _counters).Reason);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoutedPacketWithHopLimitOne_GetsTimeExceededFromDefaultRouter(bool v6)
    {
        var destination = v6 ? A4.Ca6!.Value : A4.Ca4;
        var packet = Udp(A1, destination, _host.Settings.RouterMac, ttl: 1);
        var original = packet.Data[EthernetFrame.HeaderLength..].ToArray();

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Reply, verdict.Kind);
        Assert.Equal(1, _counters.Drops(DropReason.TtlExceeded));
        var reply = packet.Data.ToArray();
        var summary = Parse(reply);
        Assert.Equal(IpAddress.Parse(v6 ? "fd00:a::1" : "10.0.0.1"), summary.Source);
        var icmp = Icmp(reply);
        Assert.Equal(v6 ? IcmpV6.TypeTimeExceeded : IcmpV4.TypeTimeExceeded, icmp[0]);
        Assert.Equal(original, icmp[8..]); // the whole (short) packet is quoted
        Assert.True(v6
            ? InternetChecksum.IsValidWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Icmpv6, icmp)
            : InternetChecksum.IsValid(icmp));
    }

    [Fact]
    public void OnLinkPacketWithHopLimitOne_IsNotRouted_SoStillDelivered()
    {
        var verdict = ForwardingPipeline.FromPort(Udp(A1, A3, ttl: 1), 0, _host, _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
    }

    [Fact]
    public void IcmpErrorFromVm_ThatWouldNeedAnError_IsDroppedSilently()
    {
        // A "port unreachable" A1 sends with TTL 1 through a router: no error about an error (RFC 1122 3.2.2).
        var packet = Build(s =>
        {
            var n = FrameBuilder.EchoRequest(s, A1.Mac, _host.Settings.RouterMac, A1.Ca4, A4.Ca4, 1, 1, Bytes(28), hopLimit: 1);
            s[34] = IcmpV4.TypeDestinationUnreachable;
            return n;
        });

        Assert.Equal(DropReason.IcmpErrorAboutIcmpError, ForwardingPipeline.FromPort(packet, 0, _host, _counters).Reason);
    }
}
