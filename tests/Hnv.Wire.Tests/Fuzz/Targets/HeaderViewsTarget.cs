using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Transport;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>
/// Every wire view's TryRead on the input as it stands, and every read-only accessor of the views that accept it:
/// the views must be safe alone, not only behind <see cref="Hnv.Wire.Parsing.FrameParser"/>'s checks.
/// </summary>
internal sealed class HeaderViewsTarget : IFuzzTarget
{
    public string Name => "HeaderViews";

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = FuzzInput.AsWritable(input);
        if (EthernetFrame.TryRead(bytes, out var eth))
        {
            _ = (eth.Destination, eth.Source, eth.HasVlanTag, eth.VlanId, eth.EtherType, eth.Payload.Length);
        }

        if (ArpPacket.TryRead(bytes, out var arp))
        {
            _ = (arp.Operation, arp.SenderMac, arp.SenderIp, arp.TargetMac, arp.TargetIp);
        }

        if (Ipv4Header.TryRead(bytes, out var v4))
        {
            _ = (v4.HeaderLength, v4.HasOptions, v4.TypeOfService, v4.TotalLength, v4.Identification, v4.DontFragment, v4.MoreFragments,
                v4.FragmentOffset, v4.IsFragment, v4.TimeToLive, v4.Protocol, v4.Checksum, v4.Source, v4.Destination, v4.IsChecksumValid);
            FuzzInput.Check(v4.Payload.Length == v4.TotalLength - v4.HeaderLength && v4.PacketBytes.Length == v4.TotalLength, "IPv4 lengths agree");
        }

        if (Ipv6Header.TryRead(bytes, out var v6))
        {
            _ = (v6.TrafficClass, v6.FlowLabel, v6.NextHeader, v6.HopLimit, v6.Source, v6.Destination, v6.PacketBytes.Length);
            FuzzInput.Check(v6.Payload.Length == v6.PayloadLength, "IPv6 payload length agrees");
            if (v6.TryFindUpperLayer(out _, out var offset, out _))
            {
                FuzzInput.Check(offset <= v6.PacketBytes.Length, "the upper layer starts inside the packet");
            }
        }

        if (IcmpHeader.TryRead(bytes, out var icmp4))
        {
            _ = (icmp4.Type, icmp4.Code, icmp4.Checksum, icmp4.Identifier, icmp4.Sequence, icmp4.NextHopMtu);
        }

        if (IcmpHeader.TryRead(bytes, out var icmp6))
        {
            _ = (icmp6.Type, icmp6.Code, icmp6.Checksum, icmp6.Mtu);
        }

        if (UdpHeader.TryRead(bytes, out var udp))
        {
            _ = (udp.SourcePort, udp.DestinationPort, udp.Checksum);
            FuzzInput.Check(udp.Datagram.Length == udp.DatagramLength, "UDP datagram length agrees");
        }

        if (TcpHeader.TryRead(bytes, out var tcp))
        {
            _ = (tcp.SourcePort, tcp.DestinationPort, tcp.SequenceNumber, tcp.AcknowledgmentNumber, tcp.HeaderLength, tcp.Flags,
                tcp.Window, tcp.Checksum, tcp.TryGetMss(out _, out _));
        }

        if (NvgreHeader.TryRead(bytes, out var gre) != NvgreError.Truncated)
        {
            _ = (gre.Flags, gre.Protocol, gre.Key, gre.Vsid, gre.FlowId, gre.Payload.Length);
        }

        _ = NeighborDiscovery.TryReadTarget(bytes, out _);
        _ = NeighborDiscovery.TryFindLinkLayerOption(bytes, NeighborDiscovery.OptionSourceLinkLayerAddress, out _, out _);
        _ = InternetChecksum.IsValid(bytes);
    }
}
