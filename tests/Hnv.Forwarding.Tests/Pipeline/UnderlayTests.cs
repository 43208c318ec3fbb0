using System.Buffers.Binary;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class UnderlayTests
{
    private readonly NodeSnapshot _host = Host1();
    private readonly ForwardingCounters _counters = new();

    private static PacketBuffer FromA2ToA1(IpAddress? fromPa = null, uint vsid = 5001) =>
        Nvgre(Udp(A2, A1), fromPa ?? Host2Pa, Host1Pa, new Vsid(vsid));

    [Fact]
    public void FromUnderlay_ValidNvgre_DeliversInnerFrameToTheVmsPort()
    {
        var frame = Udp(A2, A1).Data.ToArray();
        var packet = FromA2ToA1();

        var verdict = ForwardingPipeline.FromUnderlay(packet, _host, _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
        Assert.Equal(0, verdict.Port);
        Assert.Equal(frame, packet.Data.ToArray());
        Assert.Equal(1, _counters.Vsid(5001).DecapsulatedPackets);
        Assert.Equal(1, _counters.Port(0).SentPackets);
    }

    [Fact]
    public void FromUnderlay_SuperFrame_CountsItsSegments()
    {
        var packet = FromA2ToA1();
        packet.SegmentSize = 1000;
        packet.Segments = 7;
        var dropped = FromA2ToA1(vsid: 7777);
        dropped.Segments = 5;

        Assert.Equal(VerdictKind.Deliver, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Kind);
        Assert.Equal(DropReason.UnknownVsid, ForwardingPipeline.FromUnderlay(dropped, _host, _counters).Reason);

        Assert.Equal(7, _counters.Vsid(5001).DecapsulatedPackets);
        Assert.Equal(7, _counters.Port(0).SentPackets);
        Assert.Equal(5, _counters.Drops(DropReason.UnknownVsid));
        Assert.Equal(1000, packet.SegmentSize); // the pipeline leaves it for the port
        packet.Reset();
        Assert.Equal((0, 1), (packet.SegmentSize, packet.Segments));
    }

    [Fact]
    public void FromUnderlay_OverIpv6Pa_Delivers()
    {
        var packet = Nvgre(Udp(A2, A1, v6: true), Host2Pa6, Host1Pa6, new Vsid(5001));

        Assert.Equal(VerdictKind.Deliver, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Kind);
    }

    [Fact]
    public void FromUnderlay_UnknownSourcePa_DropsUnknownProviderAddress() =>
        Assert.Equal(DropReason.UnknownProviderAddress,
            ForwardingPipeline.FromUnderlay(FromA2ToA1(IpAddress.Parse("198.51.100.66")), _host, _counters).Reason);

    [Fact]
    public void FromUnderlay_ForAnotherHostsPa_DropsOuterNotForThisHost()
    {
        var packet = Nvgre(Udp(A2, A1), Host2Pa, IpAddress.Parse("192.0.2.77"), new Vsid(5001));

        Assert.Equal(DropReason.OuterNotForThisHost, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    // RFC 7637 section 3.2 / 4.2 receive rules, one row per field.
    [Theory]
    [InlineData(0, 0x00, DropReason.NvgreKeyMissing)]        // flags 0x0000: K not set
    [InlineData(0, 0xA0, DropReason.NvgreChecksumPresent)]   // C and K
    [InlineData(0, 0x30, DropReason.NvgreSequencePresent)]   // K and S
    [InlineData(1, 0x01, DropReason.NvgreReservedBitsSet)]   // version 1
    [InlineData(2, 0x08, DropReason.NvgreWrongProtocol)]     // protocol 0x0800 instead of 0x6558
    public void FromUnderlay_BadGreHeader_DropsWithItsReason(int offset, byte value, DropReason expected)
    {
        var packet = FromA2ToA1();
        var gre = packet.Data[20..];
        switch (offset)
        {
            case 0:
                gre[0] = value;
                break;
            case 1:
                gre[1] = value;
                break;
            default:
                gre[2] = value;
                gre[3] = 0x00;
                break;
        }

        Assert.Equal(expected, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Theory]
    [InlineData(0x000FFFu)]
    [InlineData(0xFFFFFFu)]
    public void FromUnderlay_ReservedVsid_DropsNvgreReservedVsid(uint vsid)
    {
        var packet = FromA2ToA1();
        BinaryPrimitives.WriteUInt32BigEndian(packet.Data[24..], vsid << 8);

        Assert.Equal(DropReason.NvgreReservedVsid, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_InnerVlanTag_DropsInnerVlanTagged()
    {
        var frame = Udp(A2, A1).Data.ToArray();
        var tagged = new byte[frame.Length + 4];
        frame.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = 0x81;
        frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
        var packet = Nvgre(Raw(tagged), Host2Pa, Host1Pa, new Vsid(5001));

        Assert.Equal(DropReason.InnerVlanTagged, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_NotGre_DropsOuterNotGre()
    {
        var packet = Build(s => FrameBuilder.Udp(s, A2.Mac, A1.Mac, Host2Pa, Host1Pa, 1, 2, []));
        packet.Offset += 14;
        packet.Length -= 14;

        Assert.Equal(DropReason.OuterNotGre, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_BadOuterIpv4Checksum_DropsOuterChecksumInvalid()
    {
        // An AF_PACKET underlay reads frames before the kernel checks them: the agent must.
        var packet = FromA2ToA1();
        packet.Data[10] ^= 0x5A;

        Assert.Equal(DropReason.OuterChecksumInvalid, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_OuterFragment_DropsOuterFragment()
    {
        var packet = FromA2ToA1();
        packet.Data[6] = 0x20; // MF
        Ipv4Header.TryRead(packet.Data, out var ip);
        ip.UpdateChecksum();

        Assert.Equal(DropReason.OuterFragment, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_OtherTenantsVsidForSameCa_IsNotDeliveredAcrossDomains()
    {
        // Tenant B's VSID with tenant A's A1 MAC: B's 10.0.0.10 is B1, whose MAC differs.
        var packet = Nvgre(Udp(B2, A1.Ca4, A1.Mac), Host2Pa, Host1Pa, new Vsid(6001));

        Assert.Equal(DropReason.DestinationMacMismatch, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_WrongVsidForDestination_DropsDestinationVsidMismatch()
    {
        var packet = FromA2ToA1(vsid: 5002);

        Assert.Equal(DropReason.DestinationVsidMismatch, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_DestinationOnAnotherHost_DropsDestinationNotLocal()
    {
        var packet = Nvgre(Udp(A1, A2), Host2Pa, Host1Pa, new Vsid(5001)); // A2 lives on host2

        Assert.Equal(DropReason.DestinationNotLocal, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Fact]
    public void FromUnderlay_KnownCaFromTheWrongPa_DropsSourcePaMismatch() =>
        // A2's CA, but sent by the gateway's PA: some other host is posing as A2.
        Assert.Equal(DropReason.SourcePaMismatch, ForwardingPipeline.FromUnderlay(FromA2ToA1(GatewayPa), _host, _counters).Reason);

    [Fact]
    public void FromUnderlay_OutsideSourceFromGatewayPa_IsDelivered()
    {
        var outside = IpAddress.Parse("203.0.113.7");
        var packet = Nvgre(Build(s => FrameBuilder.Udp(s, GatewayWildcardMac, A1.Mac, outside, A1.Ca4, 53, 40000, [])), GatewayPa, Host1Pa, new Vsid(5001));

        Assert.Equal(VerdictKind.Deliver, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Kind);
    }

    [Fact]
    public void FromUnderlay_OutsideSourceFromOrdinaryHost_DropsUnknownSource()
    {
        var outside = IpAddress.Parse("203.0.113.7");
        var packet = Nvgre(Build(s => FrameBuilder.Udp(s, A2.Mac, A1.Mac, outside, A1.Ca4, 53, 40000, [])), Host2Pa, Host1Pa, new Vsid(5001));

        Assert.Equal(DropReason.UnknownSource, ForwardingPipeline.FromUnderlay(packet, _host, _counters).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(27)]
    public void FromUnderlay_Truncated_IsACountedDrop(int length)
    {
        var packet = FromA2ToA1();
        packet.Length = length;

        var verdict = ForwardingPipeline.FromUnderlay(packet, _host, _counters);

        Assert.Equal(VerdictKind.Drop, verdict.Kind);
        Assert.Equal(1, _counters.TotalDrops);
    }
}
