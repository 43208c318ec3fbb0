using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

[Trait("tier", "pure")]
public sealed class RoutingTests
{
    private readonly NodeSnapshot _host = Host1();
    private readonly ForwardingCounters _counters = new();

    [Fact]
    public void FromPort_RemoteVmSameSubnet_EncapsulatesToItsPaWithVsidAndFlowId()
    {
        var packet = Udp(A1, A2);
        var inner = packet.Data.ToArray();

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(Host2Pa, verdict.ProviderAddress);
        var outer = packet.Data;
        Assert.True(Ipv4Header.TryRead(outer, out var ip));
        Assert.Equal(Host1Pa, ip.Source);
        Assert.Equal(Host2Pa, ip.Destination);
        Assert.Equal(IpProtocol.Gre, ip.Protocol);
        Assert.True(ip.DontFragment); // RFC 7637 section 4: NVGRE is not fragmented
        Assert.True(ip.IsChecksumValid);
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(ip.Payload, out var gre));
        Assert.Equal(5001u, gre.Vsid.Value);
        Assert.Equal(FlowHash.Compute(Parse(inner)), gre.FlowId);
        // On-link: the frame travels unchanged (the VM already used A2's MAC, learned from the ARP proxy).
        Assert.Equal(inner, gre.Payload.ToArray());
    }

    [Fact]
    public void FromPort_LocalVmSameSubnet_DeliversUnchangedToItsPort()
    {
        var packet = Udp(A1, A3);
        var sent = packet.Data.ToArray();

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Deliver, verdict.Kind);
        Assert.Equal(1, verdict.Port);
        Assert.Equal(sent, packet.Data.ToArray());
    }

    [Fact]
    public void FromPort_LocalRecordsMacOnAPortOfAnotherDomain_DropsLocalPortVsidMismatch()
    {
        // Tenant B's port carries A3's MAC (a copied or chosen MAC): A1's frame for A3 must not reach tenant B.
        var impostor = new LocalPort(1, "tap-impostor", A3.Mac, B1.Vsid, [IpAddress.Parse("10.0.0.12")]);
        var host = new NodeSnapshot(_host.Policy, _host.Settings, [A1.Port(0), impostor]);
        var counters = new ForwardingCounters();

        var verdict = ForwardingPipeline.FromPort(Udp(A1, A3), 0, host, counters);

        Assert.Equal(VerdictKind.Drop, verdict.Kind);
        Assert.Equal(DropReason.LocalPortVsidMismatch, verdict.Reason);
        Assert.Equal(1, counters.Drops(DropReason.LocalPortVsidMismatch));
    }

    [Fact]
    public void FromPort_OtherSubnetOfDomain_RoutesWithTtlDecrementAndRouterMac()
    {
        var packet = Udp(A1, A4.Ca4, _host.Settings.RouterMac, ttl: 64);

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(5002u, verdict.Vsid.Value); // the key carries the destination's VSID
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        var inner = Parse(gre.Payload);
        Assert.Equal(A4.Mac, inner.DestinationMac);
        Assert.Equal(_host.Settings.RouterMac, inner.SourceMac);
        Assert.Equal(63, inner.HopLimit);
        Assert.True(Ipv4Header.TryRead(gre.Payload[EthernetFrame.HeaderLength..], out var innerIp));
        Assert.True(innerIp.IsChecksumValid);
    }

    [Fact]
    public void FromPort_Ipv6OtherSubnet_DecrementsHopLimit()
    {
        var packet = Udp(A1, A4.Ca6!.Value, _host.Settings.RouterMac, ttl: 9);

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        Assert.Equal(8, Parse(gre.Payload).HopLimit);
    }

    [Fact]
    public void FromPort_SameCaInOtherRoutingDomain_ResolvesWithinSendersDomain()
    {
        // B1 and A1 share 10.0.0.10; B1's packet to 10.0.0.11 must reach B2 (VSID 6001), never A2.
        var packet = Udp(B1, B2);

        var verdict = ForwardingPipeline.FromPort(packet, 2, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(6001u, verdict.Vsid.Value);
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        Assert.Equal(B2.Mac, Parse(gre.Payload).DestinationMac);
    }

    [Fact]
    public void FromPort_AddressOnlyInOtherDomain_IsNotReachable()
    {
        // 10.0.1.20 is A4's; tenant B has no such subnet, and its packets never leave tenant B's domain.
        var packet = Udp(B1, A4.Ca4, _host.Settings.RouterMac);

        var verdict = ForwardingPipeline.FromPort(packet, 2, _host, _counters);

        Assert.Equal(VerdictKind.Drop, verdict.Kind);
        Assert.Equal(DropReason.NoRoute, verdict.Reason);
        Assert.Equal(1, _counters.Drops(DropReason.NoRoute));
    }

    [Fact]
    public void FromPort_UnknownCaInOwnSubnet_DropsNoLookupRecordWithoutUsingDefaultPath()
    {
        var packet = Udp(A1, IpAddress.Parse("10.0.0.99"), MacAddress.Parse("02:00:00:00:00:99"));

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(DropReason.NoLookupRecord, verdict.Reason);
    }

    [Fact]
    public void FromPort_OutsideDestination_UsesGatewayWildcardRecord()
    {
        var packet = Udp(A1, IpAddress.Parse("203.0.113.7"), _host.Settings.RouterMac);

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(GatewayPa, verdict.ProviderAddress);
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        Assert.Equal(GatewayWildcardMac, Parse(gre.Payload).DestinationMac);
        Assert.Equal(63, Parse(gre.Payload).HopLimit);
    }

    [Fact]
    public void FromPort_CustomerRoute_SendsToNextHopsRecord()
    {
        var packet = Udp(A1, IpAddress.Parse("192.168.4.4"), _host.Settings.RouterMac);

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(GatewayPa, verdict.ProviderAddress);
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        Assert.Equal(ANextHop.Mac, Parse(gre.Payload).DestinationMac);
    }

    [Fact]
    public void FromPort_Ipv6CaToIpv6Pa_EncapsulatesInIpv6()
    {
        var packet = Udp(A1, A2, v6: true);
        var inner = packet.Data.ToArray();

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(Host2Pa6, verdict.ProviderAddress);
        Assert.True(Ipv6Header.TryRead(packet.Data, out var outer));
        Assert.Equal(Host1Pa6, outer.Source);
        Assert.Equal(IpProtocol.Gre, outer.NextHeader);
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(outer.Payload, out var gre));
        Assert.Equal(inner, gre.Payload.ToArray());
    }

    [Fact]
    public void FromPort_Ipv4CaToIpv6OnlyHost_EncapsulatesInIpv6()
    {
        var packet = Udp(A1, A5);

        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Assert.Equal(Host3Pa6, verdict.ProviderAddress);
        Assert.True(Ipv6Header.TryRead(packet.Data, out _));
    }

    [Fact]
    public void FromPort_HostWithoutPaOfThatFamily_DropsNoProviderAddressForFamily()
    {
        var v4Only = new NodeSnapshot(_host.Policy, new NodeSettings { ProviderAddressV4 = Host1Pa }, [A1.Port(0)]);
        var packet = Udp(A1, A5);

        var verdict = ForwardingPipeline.FromPort(packet, 0, v4Only, _counters);

        Assert.Equal(DropReason.NoProviderAddressForFamily, verdict.Reason);
    }

    [Fact]
    public void FromPort_EthernetPadding_IsNotCarriedIntoTheTunnel()
    {
        var packet = Udp(A1, A2, payload: 0); // 42-byte frame
        packet.Length = 60;                   // padded to the Ethernet minimum, as a NIC may
        var verdict = ForwardingPipeline.FromPort(packet, 0, _host, _counters);

        Assert.Equal(VerdictKind.Encapsulate, verdict.Kind);
        Ipv4Header.TryRead(packet.Data, out var outer);
        Assert.Equal(NvgreEnvelope.OverheadV4 + 42, outer.TotalLength);
        Assert.Equal(outer.TotalLength, packet.Length);
    }

    [Fact]
    public void FromPort_FlowIdHashingOff_SendsFlowIdZero()
    {
        var host = new NodeSnapshot(_host.Policy, _host.Settings with { FlowIdHashing = false }, _host.Ports);
        var packet = Udp(A1, A2);

        ForwardingPipeline.FromPort(packet, 0, host, _counters);

        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        Assert.Equal(0, gre.FlowId);
    }

    [Fact]
    public void FromPort_DifferentFlows_GetDifferentFlowIdsAndOneFlowKeepsItsOwn()
    {
        var ids = new HashSet<byte>();
        for (ushort port = 1000; port < 1064; port++)
        {
            byte first = 0;
            for (var repeat = 0; repeat < 2; repeat++)
            {
                var packet = Udp(A1, A2.Ca4, A2.Mac, srcPort: port);
                ForwardingPipeline.FromPort(packet, 0, _host, _counters);
                Ipv4Header.TryRead(packet.Data, out var outer);
                NvgreHeader.TryRead(outer.Payload, out var gre);
                if (repeat == 0)
                {
                    first = gre.FlowId;
                }
                else
                {
                    Assert.Equal(first, gre.FlowId);
                }
            }

            ids.Add(first);
        }

        Assert.True(ids.Count > 32, $"only {ids.Count} distinct FlowIDs over 64 flows");
    }

    [Fact]
    public void FromPort_TranslateRule_IsRefusedUntilImplemented()
    {
        var doc = Document();
        doc.LookupRecords.First(r => r.Ca == A2.Ca4.ToString()).Rule = "Translate";
        Assert.Empty(Hnv.Policy.Validation.PolicyValidator.Validate(doc, out var set));
        var host = new NodeSnapshot(Hnv.Policy.Snapshots.PolicySnapshot.Build(set!, 2), _host.Settings, _host.Ports);

        var verdict = ForwardingPipeline.FromPort(Udp(A1, A2), 0, host, _counters);

        Assert.Equal(DropReason.TranslateUnsupported, verdict.Reason);
    }

    [Fact]
    public void FromPort_InnerChecksumsStayValidThroughEncapsulation()
    {
        var packet = Udp(A1, A4.Ca4, _host.Settings.RouterMac, payload: 333);
        ForwardingPipeline.FromPort(packet, 0, _host, _counters);
        Ipv4Header.TryRead(packet.Data, out var outer);
        NvgreHeader.TryRead(outer.Payload, out var gre);
        var inner = gre.Payload;
        var summary = Parse(inner);
        var udp = inner[summary.TransportOffset..(summary.NetworkOffset + summary.IpLength)];
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(summary.Source, summary.Destination, IpProtocol.Udp, udp));
    }
}
