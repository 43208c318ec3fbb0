using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.PropertyBased;

/// <summary>Frames made by <see cref="FrameBuilder"/> parse back to exactly what they were made from, with valid checksums.</summary>
[Trait("tier", "pure")]
public sealed class RoundTripPropertyTests
{
    private const int Seed = 20260;

    private static byte ExpectedProtocol(BuiltFrame built) => built.Kind switch
    {
        FrameKind.Udp => IpProtocol.Udp,
        FrameKind.Tcp => IpProtocol.Tcp,
        _ => built.IsV6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp,
    };

    private static int TransportLength(BuiltFrame built) => built.Kind switch
    {
        FrameKind.Udp => 8 + built.PayloadLength,
        FrameKind.Tcp => 20 + built.PayloadLength,
        FrameKind.Echo => 8 + built.PayloadLength,
        _ => NeighborDiscovery.MessageLength + NeighborDiscovery.LinkLayerOptionLength,
    };

    private static void AssertParsesToBuiltFields(BuiltFrame built, ReadOnlySpan<byte> frameBytes, int iteration)
    {
        var frame = frameBytes.ToArray();
        Assert.Equal(ParseError.None, FrameParser.Parse(frame, out var s));
        Assert.Equal((iteration, built.SourceMac, built.DestinationMac, false), (iteration, s.SourceMac, s.DestinationMac, s.HasVlanTag));
        if (built.Kind == FrameKind.Arp)
        {
            Assert.Equal((iteration, false, EtherTypes.Arp, -1), (iteration, s.IsIp, s.EtherType, s.TransportOffset));
            Assert.True(ArpPacket.TryRead(frame.AsSpan(s.NetworkOffset), out var arp));
            Assert.Equal((iteration, built.Source, built.Destination, built.SourceMac), (iteration, arp.SenderIp, arp.TargetIp, arp.SenderMac));
            return;
        }

        var l4 = FrameBuilder.HeadersLength(built.IsV6);
        var l4Length = TransportLength(built);
        Assert.Equal(
            (iteration, true, built.IsV6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4, built.Source, built.Destination, ExpectedProtocol(built), built.HopLimit),
            (iteration, s.IsIp, s.EtherType, s.Source, s.Destination, s.Protocol, s.HopLimit));
        Assert.Equal(
            (iteration, 14, l4 - 14 + l4Length, false, l4, built.SourcePort, built.DestinationPort, frame.Length),
            (iteration, s.NetworkOffset, s.IpLength, s.IsFragment, s.TransportOffset, s.SourcePort, s.DestinationPort, l4 + l4Length));

        var segment = frame.AsSpan(l4);
        if (!built.IsV6)
        {
            Assert.True(InternetChecksum.IsValid(frame.AsSpan(14, 20)), $"IPv4 header checksum, frame {iteration}");
        }

        var valid = built.Kind == FrameKind.Echo && !built.IsV6
            ? InternetChecksum.IsValid(segment)
            : InternetChecksum.IsValidWithPseudoHeader(built.Source, built.Destination, ExpectedProtocol(built), segment);
        Assert.True(valid, $"{built.Kind} checksum, frame {iteration}");
    }

    [Fact]
    public void FrameBuilderThenFrameParser_2000RandomFrames_FieldsAndChecksumsRoundTrip()
    {
        var random = new Random(Seed);
        var kinds = new HashSet<(FrameKind, bool)>();
        for (var i = 0; i < 2000; i++)
        {
            var built = RandomFrames.Next(random);
            kinds.Add((built.Kind, built.IsV6));
            AssertParsesToBuiltFields(built, built.Bytes, i);
        }

        Assert.Equal(8, kinds.Count); // UDP, TCP, echo in both families; ARP; NS
    }

    [Fact]
    public void NvgreEncapsulation_500RandomFrames_OuterAndInnerRoundTrip()
    {
        // RFC 7637 section 3.2/4: outer Ethernet + IP (either family) + NVGRE, then the untouched inner frame.
        var random = new Random(Seed + 1);
        var outerMac = MacAddress.Parse("00:15:5d:ff:00:01");
        var routerMac = MacAddress.Parse("00:15:5d:ff:00:02");
        for (var i = 0; i < 500; i++)
        {
            var built = RandomFrames.Next(random);
            var outerV6 = random.Next(2) == 0;
            var frameOffset = 14 + NvgreEnvelope.Overhead(outerV6);
            var buffer = new byte[frameOffset + built.Bytes.Length];
            built.Bytes.CopyTo(buffer, frameOffset);
            Assert.Equal(ParseError.None, FrameParser.Parse(built.Bytes, out var inner));
            var flowId = FlowHash.Compute(inner);
            var vsid = new Vsid((uint)random.Next((int)Vsid.Min, (int)Vsid.Max + 1));
            var pa1 = RandomFrames.Address(random, outerV6);
            var pa2 = RandomFrames.Address(random, outerV6);
            var ipAt = NvgreEnvelope.WriteInFront(buffer, frameOffset, built.Bytes.Length, pa1, pa2, vsid, flowId);
            Assert.Equal(14, ipAt);
            EthernetFrame.WriteHeader(buffer, routerMac, outerMac, outerV6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);

            Assert.Equal(ParseError.None, FrameParser.Parse(buffer, out var outer));
            Assert.Equal((i, pa1, pa2, IpProtocol.Gre, frameOffset - 8), (i, outer.Source, outer.Destination, outer.Protocol, outer.TransportOffset));
            Assert.Equal(NvgreError.None, NvgreHeader.TryRead(buffer.AsSpan(outer.TransportOffset), out var gre));
            Assert.Equal((i, (vsid.Value << 8) | flowId), (i, gre.Key));
            AssertParsesToBuiltFields(built, gre.Payload, i);
        }
    }
}
