using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class NdProxyTests
{
    private readonly NodeSnapshot _host = Host1();
    private readonly ForwardingCounters _counters = new();

    private Verdict Solicit(IpAddress source, string target, out byte[] reply, Action<byte[]>? tamper = null)
    {
        var packet = Build(s => FrameBuilder.NeighborSolicitation(s, A1.Mac, source, IpAddress.Parse(target)));
        if (tamper is not null)
        {
            var bytes = packet.Data.ToArray();
            tamper(bytes);
            packet.Load(bytes);
        }

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);
        reply = packet.Data.ToArray();
        return verdict;
    }

    [Theory]
    [InlineData("fd00:a::10")] // from the VM's global CA
    [InlineData("fe80::a1")]   // from its link-local address, as Linux often does
    public void NeighborSolicitation_ForNeighbor_AnswersAdvertisementWithItsMac(string source)
    {
        var verdict = Solicit(IpAddress.Parse(source), "fd00:a::11", out var reply);

        Assert.Equal(VerdictKind.Reply, verdict.Kind);
        var summary = Parse(reply);
        Assert.Equal(A1.Mac, summary.DestinationMac);
        Assert.Equal(A2.Mac, summary.SourceMac);
        Assert.Equal(IpAddress.Parse("fd00:a::11"), summary.Source);
        Assert.Equal(IpAddress.Parse(source), summary.Destination);
        Assert.Equal(255, summary.HopLimit);
        var icmp = Icmp(reply);
        Assert.Equal(IcmpV6.TypeNeighborAdvertisement, icmp[0]);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Icmpv6, icmp));
        Assert.Equal(0x60, icmp[4]); // S and O set, R clear: a host answers (RFC 4861 4.4)
        Assert.True(NeighborDiscovery.TryReadTarget(icmp, out var target));
        Assert.Equal(IpAddress.Parse("fd00:a::11"), target);
        Assert.True(NeighborDiscovery.TryFindLinkLayerOption(icmp, NeighborDiscovery.OptionTargetLinkLayerAddress, out var mac, out _));
        Assert.Equal(A2.Mac, mac);
    }

    [Fact]
    public void NeighborSolicitation_ForDefaultRouter_AnswersAsRouter()
    {
        Solicit(A1.Ca6!.Value, "fd00:a::1", out var reply);

        var icmp = Icmp(reply);
        Assert.Equal(0xE0, icmp[4]); // R, S and O
        NeighborDiscovery.TryFindLinkLayerOption(icmp, NeighborDiscovery.OptionTargetLinkLayerAddress, out var mac, out _);
        Assert.Equal(_host.Settings.RouterMac, mac);
    }

    [Fact]
    public void NeighborSolicitation_DuplicateAddressDetection_IsNotAnswered() =>
        Assert.Equal(DropReason.NdDuplicateAddressDetection, Solicit(IpAddress.AnyV6, "fd00:a::10", out _).Reason);

    [Fact]
    public void NeighborSolicitation_UnknownTarget_IsDroppedNotFlooded() =>
        Assert.Equal(DropReason.NdUnknownTarget, Solicit(A1.Ca6!.Value, "fd00:a::99", out _).Reason);

    [Fact]
    public void NeighborSolicitation_HopLimitNot255_IsMalformed() =>
        // RFC 4861 7.1.1: a solicitation that crossed a router is discarded.
        Assert.Equal(DropReason.NdMalformed, Solicit(A1.Ca6!.Value, "fd00:a::11", out _, b => b[14 + 7] = 64).Reason);

    [Fact]
    public void NeighborSolicitation_BadChecksum_IsMalformed() =>
        Assert.Equal(DropReason.NdMalformed, Solicit(A1.Ca6!.Value, "fd00:a::11", out _, b => b[14 + 40 + 2] ^= 0xFF).Reason);

    [Fact]
    public void RouterSolicitation_IsUnsupportedNotMalformed()
    {
        // An RS is 8 bytes plus options, shorter than an NS: it must be counted as what it is.
        var packet = Build(s =>
        {
            FrameBuilder.NeighborSolicitation(s, A1.Mac, IpAddress.Parse("fe80::a1"), A2.Ca6!.Value);
            const int n = 14 + 40 + 16; // RS: 8 bytes + a source link-layer option
            s[19] = 16;                 // IPv6 payload length
            var icmp = s[(14 + 40)..n];
            icmp[0] = IcmpV6.TypeRouterSolicitation;
            icmp[2] = 0;
            icmp[3] = 0;
            var summary = Parse(s[..n]);
            var sum = InternetChecksum.ComputeWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Icmpv6, icmp);
            icmp[2] = (byte)(sum >> 8);
            icmp[3] = (byte)sum;
            return n;
        });

        Assert.Equal(DropReason.NdUnsupportedMessage, ForwardingPipeline.FromPort(packet, 0, _host, _counters).Reason);
    }

    [Fact]
    public void NeighborSolicitation_FromForgedCa_DropsSourceIpSpoofed() =>
        Assert.Equal(DropReason.SourceIpSpoofed, Solicit(A3.Ca6!.Value, "fd00:a::11", out _).Reason);
}
