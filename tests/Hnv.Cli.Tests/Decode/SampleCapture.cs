using Hnv.Wire.Capture;

namespace Hnv.Cli.Tests.Decode;

/// <summary>
/// One capture with every kind of packet `hnv decode` must explain: valid NVGRE over IPv4 and IPv6 PAs, and
/// each structural drop reason of <c>UnderlayDecoder</c> (RFC 7637 section 3.2), plus frames that are no NVGRE at all.
/// </summary>
internal static class SampleCapture
{
    public const string PaV4A = "192.0.2.10";
    public const string PaV4B = "192.0.2.20";
    public const string PaV6A = "2001:db8::a";
    public const string PaV6B = "2001:db8::14";
    public const string CaV4A = "10.1.0.4";
    public const string CaV4B = "10.1.0.5";
    public const string CaV6A = "fd00:1::4";
    public const string CaV6B = "fd00:1::5";
    public const uint Vsid = 5001;
    public const byte FlowId = 0x2a;

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static IReadOnlyList<PacketCase> Cases { get; } = BuildCases();

    public static IEnumerable<(int Frame, PacketCase Case)> Numbered => Cases.Select((c, i) => (i + 1, c));

    /// <summary>The capture time of frame <paramref name="frame"/> (1-based).</summary>
    public static DateTimeOffset TimeOf(int frame) => Start.AddMilliseconds(frame * 1.5);

    /// <summary>Writes every case to a classic pcap file at <paramref name="path"/>.</summary>
    public static void Write(string path)
    {
        using var writer = new PcapWriter(File.Create(path));
        foreach (var (frame, packet) in Numbered)
        {
            writer.Write(packet.Frame, TimeOf(frame));
        }
    }

    private static List<PacketCase> BuildCases()
    {
        const string key = "0x0013892a"; // 5001 << 8 | 0x2a
        var ipv4 = new ExpectedPacket { Vsid = Vsid, FlowId = FlowId, Key = key, InnerSrcMac = "00:15:5d:00:00:04", InnerDstMac = "00:15:5d:00:00:05" };
        var v4Pa = ipv4 with { OuterSrc = PaV4A, OuterDst = PaV4B, OuterProtocol = "gre" };
        var v6Pa = ipv4 with { OuterSrc = PaV6A, OuterDst = PaV6B, OuterProtocol = "gre" };
        var v4Ca = new ExpectedPacket { InnerSrc = CaV4A, InnerDst = CaV4B, InnerEtherType = "0x0800" };
        var v6Ca = new ExpectedPacket { InnerSrc = CaV6A, InnerDst = CaV6B, InnerEtherType = "0x86dd" };
        ExpectedPacket Valid(ExpectedPacket pa, ExpectedPacket ca, string protocol, long? srcPort = null, long? dstPort = null) =>
            pa with { InnerSrc = ca.InnerSrc, InnerDst = ca.InnerDst, InnerEtherType = ca.InnerEtherType, InnerProtocol = protocol, SrcPort = srcPort, DstPort = dstPort };

        byte[] V4(byte[] inner) => Frames.Nvgre(PaV4A, PaV4B, Vsid, FlowId, inner);
        byte[] V6(byte[] inner) => Frames.Nvgre(PaV6A, PaV6B, Vsid, FlowId, inner);
        var udp4 = Frames.Udp(CaV4A, CaV4B, 40000, 53);
        var noKey = v4Pa with { Vsid = null, FlowId = null, Key = null, InnerSrcMac = null, InnerDstMac = null };

        return
        [
            // Valid NVGRE: every PA family with every inner family and protocol.
            new("v4 PA, UDP over IPv4", V4(udp4), Valid(v4Pa, v4Ca, "udp", 40000, 53)),
            new("v4 PA, TCP over IPv4", V4(Frames.Tcp(CaV4A, CaV4B, 40001, 443)), Valid(v4Pa, v4Ca, "tcp", 40001, 443)),
            new("v4 PA, ICMP echo", V4(Frames.Echo(CaV4A, CaV4B)), Valid(v4Pa, v4Ca, "icmp")),
            new("v6 PA, UDP over IPv6", V6(Frames.Udp(CaV6A, CaV6B, 40002, 5353)), Valid(v6Pa, v6Ca, "udp", 40002, 5353)),
            new("v6 PA, TCP over IPv6", V6(Frames.Tcp(CaV6A, CaV6B, 40003, 22)), Valid(v6Pa, v6Ca, "tcp", 40003, 22)),
            new("v6 PA, ICMPv6 echo", V6(Frames.Echo(CaV6A, CaV6B)), Valid(v6Pa, v6Ca, "icmpv6")),
            new("v6 PA, UDP over IPv4", V6(udp4), Valid(v6Pa, v4Ca, "udp", 40000, 53)),
            new("v4 PA, TCP over IPv6", V4(Frames.Tcp(CaV6A, CaV6B, 40004, 80)), Valid(v4Pa, v6Ca, "tcp", 40004, 80)),

            // RFC 7637 3.2: the K bit must be set (no key, so no VSID).
            new("K bit missing", Frames.WithGreFlags(V4(udp4), 0x0000), noKey with { Error = "NvgreKeyMissing" }),

            // RFC 7637 3.2: C must be 0 (bytes 4-7 would be a checksum, not the key).
            new("C bit set", Frames.WithGreFlags(V4(udp4), 0xA000), noKey with { Error = "NvgreChecksumPresent" }),

            // RFC 7637 3.2: S must be 0; the key is still where it belongs.
            new("S bit set", Frames.WithGreFlags(V4(udp4), 0x3000), v4Pa with { InnerSrcMac = null, InnerDstMac = null, Error = "NvgreSequencePresent" }),

            // RFC 7637 3.2: the protocol type must be 0x6558 (transparent Ethernet bridging).
            new("wrong GRE protocol", Frames.WithGreProtocol(V4(udp4), 0x0800), v4Pa with { InnerSrcMac = null, InnerDstMac = null, Error = "NvgreWrongProtocol" }),

            // RFC 7637 3.2: VSIDs 0-0xFFF and 0xFFFFFF are reserved.
            new("reserved VSID 0x000FFF", Frames.Nvgre(PaV4A, PaV4B, 0x000FFF, FlowId, udp4),
                v4Pa with { Vsid = 0x000FFF, Key = "0x000fff2a", InnerSrcMac = null, InnerDstMac = null, Error = "NvgreReservedVsid" }),
            new("reserved VSID 0xFFFFFF", Frames.Nvgre(PaV6A, PaV6B, 0xFFFFFF, FlowId, udp4),
                v6Pa with { Vsid = 0xFFFFFF, Key = "0xffffff2a", InnerSrcMac = null, InnerDstMac = null, Error = "NvgreReservedVsid" }),

            // RFC 7637 3.2: the inner frame must not carry an 802.1Q tag.
            new("inner 802.1Q tag", V4(Frames.WithVlanTag(udp4)), Valid(v4Pa, v4Ca, "udp", 40000, 53) with { Error = "InnerVlanTagged" }),

            // Inner frame shorter than an Ethernet header.
            new("truncated inner frame", V4(udp4[..10]), v4Pa with { InnerSrcMac = null, InnerDstMac = null, Error = "InnerFrameTruncated" }),

            // Inner IPv4 header cut off after 10 bytes.
            new("truncated inner IP", V4(udp4[..24]), v4Pa with { InnerEtherType = "0x0800", Error = "InnerMalformedIp" }),

            // NVGRE is never fragmented on the underlay: the VM is told to send less instead.
            new("outer fragment", Frames.AsOuterFragment(V4(udp4)), noKey with { Error = "OuterFragment" }),

            // Plain IP on the underlay: shown with what was read of it.
            new("non-GRE IP", Frames.Udp(PaV4A, PaV4B, 4789, 4789), new ExpectedPacket { OuterSrc = PaV4A, OuterDst = PaV4B, OuterProtocol = "udp", Error = "OuterNotGre" }),

            // Not IP at all.
            new("ARP frame", Frames.Arp(PaV4A, PaV4B), new ExpectedPacket { Error = "NonIp" }),
        ];
    }
}
