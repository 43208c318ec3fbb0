namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// One line per <see cref="DropReason"/> saying what happened, served beside the counters so an operator reading
/// one knows what it means without the source (VPP's error definitions are the model).
/// </summary>
public static class DropReasonDescriptions
{
    /// <summary>The description of <paramref name="reason"/>; every reason has one (a test holds this).</summary>
    public static string Describe(DropReason reason) => reason switch
    {
        DropReason.None => "Not dropped.",

        DropReason.FrameTruncated => "A VM sent a frame shorter than its Ethernet header.",
        DropReason.VlanTagged => "A VM sent an 802.1Q-tagged frame; VM NICs are untagged.",
        DropReason.UnknownPort => "A frame came from a port index no attached NIC has (detached while in flight).",
        DropReason.SourceMacSpoofed => "A VM sent a frame from a MAC that is not its NIC's.",
        DropReason.SourceIpSpoofed => "A VM sent a packet from an IP address that is not one of its NIC's CAs.",
        DropReason.NonIp => "A VM sent a frame that is neither IPv4, IPv6 nor ARP; nothing but IP is forwarded.",
        DropReason.MalformedIp => "A VM sent an IP packet whose header or lengths do not read.",
        DropReason.IpFragmentUnsupported => "A VM sent an IP fragment; hnv forwards whole packets only.",
        DropReason.ArpMalformed => "A VM sent an ARP packet that is not Ethernet/IPv4 ARP or is cut short.",
        DropReason.ArpNotRequest => "A VM sent an ARP reply or other non-request; the host answers ARP itself.",
        DropReason.ArpSpoofed => "A VM sent an ARP request with a sender MAC or IP that is not its own.",
        DropReason.ArpUnknownTarget => "A VM asked ARP for an address policy has no record or router for.",
        DropReason.ArpOwnAddress => "A VM probed or announced its own address (RFC 5227); policy already keeps it unique.",
        DropReason.NdMalformed => "A VM sent a neighbour discovery message that does not read.",
        DropReason.NdUnknownTarget => "A VM solicited its own address, or one policy has no record or router for.",
        DropReason.NdDuplicateAddressDetection => "A VM ran duplicate address detection; policy already keeps its address unique.",
        DropReason.NdUnsupportedMessage => "A VM sent an ICMPv6 neighbour discovery message other than a solicitation.",
        DropReason.MulticastDestination => "A VM sent to a multicast or broadcast address; nothing is flooded.",
        DropReason.LinkLocalDestination => "A VM sent unicast to a link-local address; hnv routes, so there is no shared link.",
        DropReason.NoRoute => "No customer route or subnet of the routing domain covers the destination.",
        DropReason.NoLookupRecord => "The destination is inside a subnet of the routing domain but no lookup record holds it.",
        DropReason.TtlExceeded => "A routed packet's TTL or hop limit ran out; the VM got ICMP time exceeded.",
        DropReason.PacketTooBig => "A packet does not fit the underlay MTU after encapsulation; the VM got ICMP too big.",
        DropReason.NoProviderAddressForFamily => "This host has no PA of the family of the destination's PA.",
        DropReason.TranslateUnsupported => "The destination's lookup record uses the Translate rule, which is not forwarded yet.",
        DropReason.IcmpErrorAboutIcmpError => "An ICMP error would be sent about an ICMP error (RFC 1122 forbids it).",
        DropReason.NoRouterAddress => "An ICMP error was due but the subnet has no default router of the packet's family.",
        DropReason.UnknownVsid => "The VSID (of the NIC, or in the NVGRE key) is not a virtual subnet in policy.",
        DropReason.RouterUnsupportedProtocol => "A VM sent something other than ping to its default router, which has no services.",
        DropReason.LocalPortMissing => "The destination is on this host per policy but its NIC is not attached.",
        DropReason.NoHeadroom => "The packet buffer had no room in front for the outer headers or an ICMP error.",

        DropReason.OuterMalformed => "An underlay packet's outer IP header does not read.",
        DropReason.OuterNotGre => "An underlay packet addressed to this host is not GRE.",
        DropReason.OuterFragment => "An underlay packet is an IP fragment; NVGRE packets are never fragmented.",
        DropReason.OuterNotForThisHost => "An underlay packet's outer destination is not one of this host's PAs.",
        DropReason.UnknownProviderAddress => "An NVGRE packet came from a PA that is no host's in policy.",
        DropReason.NvgreTruncated => "An NVGRE packet is shorter than its GRE header.",
        DropReason.NvgreKeyMissing => "A GRE packet has no key, so it carries no VSID (RFC 7637 requires one).",
        DropReason.NvgreChecksumPresent => "A GRE packet has the checksum bit set, which NVGRE does not use.",
        DropReason.NvgreSequencePresent => "A GRE packet has the sequence bit set, which NVGRE does not use.",
        DropReason.NvgreReservedBitsSet => "A GRE packet has reserved bits or a version other than 0 set.",
        DropReason.NvgreWrongProtocol => "A GRE packet carries something other than Transparent Ethernet Bridging (0x6558).",
        DropReason.NvgreReservedVsid => "An NVGRE packet carries a reserved VSID (0-4095 or 0xFFFFFF).",
        DropReason.InnerFrameTruncated => "An NVGRE packet's inner frame is shorter than an Ethernet header.",
        DropReason.InnerVlanTagged => "An NVGRE packet's inner frame is 802.1Q-tagged.",
        DropReason.InnerNonIp => "An NVGRE packet's inner frame is not IPv4 or IPv6.",
        DropReason.InnerMalformedIp => "An NVGRE packet's inner IP header or lengths do not read.",
        DropReason.UnknownDestination => "No lookup record in the VSID's routing domain holds the inner destination.",
        DropReason.DestinationVsidMismatch => "The inner destination's record is in another VSID than the NVGRE key says.",
        DropReason.DestinationMacMismatch => "The inner destination MAC is not the one its lookup record gives.",
        DropReason.DestinationNotLocal => "The inner destination's NIC is not on this host (or not attached here).",
        DropReason.SourcePaMismatch => "The inner source CA belongs to a VM on another host than the PA that sent it.",
        DropReason.UnknownSource => "The inner source CA has no record and the VSID has no gateway record from that PA.",
        DropReason.OuterChecksumInvalid => "An underlay packet's outer IPv4 header checksum is wrong.",

        DropReason.LocalPortVsidMismatch => "The destination's NIC on this host is in another VSID than its lookup record.",
        DropReason.OutsideDomainUnknown => "A gateway's outside port belongs to a routing domain the policy in force does not have.",
        DropReason.OutsideSourceInside => "A packet from outside a routing domain claimed the address of one of the domain's VMs.",
        DropReason.ProbeUnclaimed => "A live-trace probe arrived that this host was not told to expect; it never reaches a VM.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "A drop reason without a description."),
    };
}
