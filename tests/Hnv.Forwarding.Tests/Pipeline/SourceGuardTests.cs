using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class SourceGuardTests
{
    private readonly ForwardingCounters _counters = new();

    [Fact]
    public void FromPort_ForgedSourceMac_DropsSourceMacSpoofed()
    {
        // A1's port sends with A3's MAC.
        var packet = Build(s => FrameBuilder.Udp(s, A3.Mac, A2.Mac, A1.Ca4, A2.Ca4, 1, 2, []));

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(), _counters);

        Assert.Equal(DropReason.SourceMacSpoofed, verdict.Reason);
        Assert.Equal(1, _counters.Drops(DropReason.SourceMacSpoofed));
        Assert.Equal(1, _counters.Port(0).Dropped);
    }

    [Theory]
    [InlineData("10.0.0.12")]  // A3's CA, same subnet
    [InlineData("10.0.0.11")]  // A2's CA on another host
    [InlineData("10.9.9.9")]   // no one's
    [InlineData("fd00:a::12")] // A3's IPv6 CA
    public void FromPort_ForgedSourceIp_DropsSourceIpSpoofed(string forged)
    {
        var source = IpAddress.Parse(forged);
        var destination = source.IsV6 ? A2.Ca6!.Value : A2.Ca4;
        var packet = Build(s => FrameBuilder.Udp(s, A1.Mac, A2.Mac, source, destination, 1, 2, []));

        var verdict = ForwardingPipeline.FromPort(packet, 0, Host1(), _counters);

        Assert.Equal(DropReason.SourceIpSpoofed, verdict.Reason);
    }

    [Fact]
    public void FromPort_NonIpFrame_DropsNonIp()
    {
        var frame = new byte[60];
        EthernetFrame.WriteHeader(frame, A2.Mac, A1.Mac, 0x88CC); // LLDP

        Assert.Equal(DropReason.NonIp, ForwardingPipeline.FromPort(Raw(frame), 0, Host1(), _counters).Reason);
    }

    [Fact]
    public void FromPort_VlanTaggedFrame_DropsVlanTagged()
    {
        var plain = Udp(A1, A2).Data.ToArray();
        var tagged = new byte[plain.Length + 4];
        plain.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = 0x81;
        tagged[13] = 0x00;
        tagged[15] = 7;
        plain.AsSpan(12).CopyTo(tagged.AsSpan(16));

        Assert.Equal(DropReason.VlanTagged, ForwardingPipeline.FromPort(Raw(tagged), 0, Host1(), _counters).Reason);
    }

    [Theory]
    [InlineData("224.0.0.251")]     // mDNS
    [InlineData("255.255.255.255")] // limited broadcast (DHCP discover)
    [InlineData("ff02::fb")]
    public void FromPort_MulticastOrBroadcastDestination_IsNeverFlooded(string group)
    {
        var destination = IpAddress.Parse(group);
        var source = destination.IsV6 ? A1.Ca6!.Value : A1.Ca4;
        var packet = Build(s => FrameBuilder.Udp(s, A1.Mac, MacAddress.Broadcast, source, destination, 5353, 5353, []));

        Assert.Equal(DropReason.MulticastDestination, ForwardingPipeline.FromPort(packet, 0, Host1(), _counters).Reason);
    }

    [Fact]
    public void FromPort_LinkLocalDestination_IsNotRouted()
    {
        var packet = Build(s => FrameBuilder.Udp(s, A1.Mac, A3.Mac, A1.Ca6!.Value, IpAddress.Parse("fe80::1"), 1, 2, []));

        Assert.Equal(DropReason.LinkLocalDestination, ForwardingPipeline.FromPort(packet, 0, Host1(), _counters).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void FromPort_TruncatedFrame_DropsFrameTruncated(int length) =>
        Assert.Equal(DropReason.FrameTruncated, ForwardingPipeline.FromPort(Raw(new byte[length]), 0, Host1(), new ForwardingCounters()).Reason);

    [Fact]
    public void FromPort_MalformedIpHeader_DropsMalformedIp()
    {
        var frame = Udp(A1, A2).Data.ToArray();
        frame[EthernetFrame.HeaderLength] = 0x44; // IHL 4: shorter than the fixed header

        Assert.Equal(DropReason.MalformedIp, ForwardingPipeline.FromPort(Raw(frame), 0, Host1(), _counters).Reason);
    }

    [Fact]
    public void FromPort_UnknownPortIndex_DropsUnknownPort() =>
        Assert.Equal(DropReason.UnknownPort, ForwardingPipeline.FromPort(Udp(A1, A2), 9, Host1(), _counters).Reason);
}
