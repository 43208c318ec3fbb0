using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class ArpProxyTests
{
    private readonly NodeSnapshot _host = Host1();
    private readonly ForwardingCounters _counters = new();

    private Verdict Ask(Vm from, int port, string target, out ArpReply reply)
    {
        var packet = Build(s => FrameBuilder.ArpRequest(s, from.Mac, from.Ca4, IpAddress.Parse(target)));
        var verdict = ForwardingPipeline.FromPort(packet, port, _host, _counters);
        reply = default;
        if (verdict.Kind == VerdictKind.Reply)
        {
            var frame = packet.Data;
            EthernetFrame.TryRead(frame, out var eth);
            Assert.True(ArpPacket.TryRead(eth.Payload, out var arp));
            reply = new ArpReply(eth.Destination, eth.Source, arp.Operation, arp.SenderMac, arp.SenderIp, arp.TargetMac, arp.TargetIp, frame.Length);
        }

        return verdict;
    }

    [Fact]
    public void ArpRequest_ForNeighborOnAnotherHost_AnswersWithItsMac()
    {
        var verdict = Ask(A1, 0, "10.0.0.11", out var reply);

        Assert.Equal(VerdictKind.Reply, verdict.Kind);
        Assert.Equal(0, verdict.Port);
        Assert.Equal(new ArpReply(A1.Mac, A2.Mac, ArpPacket.OperationReply, A2.Mac, A2.Ca4, A1.Mac, A1.Ca4, 42), reply);
    }

    [Fact]
    public void ArpRequest_ForDefaultRouter_AnswersWithRouterMac()
    {
        Ask(A1, 0, "10.0.0.1", out var reply);

        Assert.Equal(_host.Settings.RouterMac, reply.SenderMac);
        Assert.Equal(IpAddress.Parse("10.0.0.1"), reply.SenderIp);
    }

    [Fact]
    public void ArpRequest_SameAddressInTwoTenants_EachGetsItsOwnNeighbor()
    {
        Ask(B1, 2, "10.0.0.11", out var reply);

        Assert.Equal(B2.Mac, reply.SenderMac); // never A2's
    }

    [Theory]
    [InlineData("10.0.0.99")]  // in the subnet, no record: no answer, no flood
    [InlineData("10.0.1.20")]  // A4, but in another subnet: not on-link
    [InlineData("10.0.0.10")]  // the asker's own address
    public void ArpRequest_ForAddressPolicyDoesNotPutOnLink_IsDroppedNotFlooded(string target)
    {
        var verdict = Ask(A1, 0, target, out _);

        Assert.Equal(VerdictKind.Drop, verdict.Kind);
        Assert.True(verdict.Reason is DropReason.ArpUnknownTarget or DropReason.ArpOwnAddress, verdict.Reason.ToString());
    }

    [Fact]
    public void ArpRequest_WithForgedSenderIp_DropsArpSpoofed()
    {
        var packet = Build(s => FrameBuilder.ArpRequest(s, A1.Mac, A3.Ca4, A2.Ca4));

        Assert.Equal(DropReason.ArpSpoofed, ForwardingPipeline.FromPort(packet, 0, _host, _counters).Reason);
    }

    [Fact]
    public void ArpReplyFromVm_IsDropped()
    {
        var packet = Build(s =>
        {
            EthernetFrame.WriteHeader(s, A2.Mac, A1.Mac, EtherTypes.Arp);
            ArpPacket.Write(s[14..], ArpPacket.OperationReply, A1.Mac, A1.Ca4, A2.Mac, A2.Ca4);
            return 42;
        });

        Assert.Equal(DropReason.ArpNotRequest, ForwardingPipeline.FromPort(packet, 0, _host, _counters).Reason);
    }

    [Fact]
    public void ArpRequest_Truncated_DropsArpMalformed()
    {
        var packet = Build(s => FrameBuilder.ArpRequest(s, A1.Mac, A1.Ca4, A2.Ca4) - 10);

        Assert.Equal(DropReason.ArpMalformed, ForwardingPipeline.FromPort(packet, 0, _host, _counters).Reason);
    }

    public readonly record struct ArpReply(MacAddress EthDestination, MacAddress EthSource, ushort Operation,
        MacAddress SenderMac, IpAddress SenderIp, MacAddress TargetMac, IpAddress TargetIp, int Length);
}
