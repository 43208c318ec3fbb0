using System.Globalization;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Capture;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Transport;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Interop;

/// <summary>
/// Wireshark as an independent oracle: NVGRE and plain frames made here must dissect in tshark to the keys, addresses
/// and ports they were built with, with every checksum "Good". tshark is a required tool: missing, the test fails.
/// </summary>
[Trait("tier", "system")]
public sealed class TsharkOracleTests
{
    private const string Tshark = "/usr/bin/tshark";

    // tshark -G values: the checksum status value strings (0 Bad, 1 Good, 2 Unverified); -T fields prints the number.
    private const string Good = "1";

    private static readonly MacAddress HostMac = MacAddress.Parse("00:15:5d:10:00:01");
    private static readonly MacAddress RouterMac = MacAddress.Parse("00:15:5d:10:00:02");
    private static readonly MacAddress VmA = MacAddress.Parse("00:15:5d:20:00:0a");
    private static readonly MacAddress VmB = MacAddress.Parse("00:15:5d:20:00:0b");

    private static readonly string[] Fields =
    [
        "frame.number", "gre.key", "gre.proto", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport",
        "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "icmp.checksum.status", "icmpv6.checksum.status",
    ];

    private enum Inner
    {
        Udp,
        Tcp,
        Echo,
        NeighborSolicitation,
        Arp,
    }

    /// <summary>One packet as built: the inner frame, and the envelope when it was encapsulated.</summary>
    private sealed record Sent(byte[] Bytes, Inner Kind, IpAddress Source, IpAddress Destination, ushort SourcePort, ushort DestinationPort,
        IpAddress? OuterSource, IpAddress? OuterDestination, Vsid Vsid, byte FlowId);

    private static Sent BuildInner(Inner kind, string src, string dst, ushort srcPort, ushort dstPort)
    {
        var s = IpAddress.Parse(src);
        var d = IpAddress.Parse(dst);
        var buffer = new byte[200];
        var payload = "hnv-wire tshark oracle"u8;
        var length = kind switch
        {
            Inner.Udp => FrameBuilder.Udp(buffer, VmA, VmB, s, d, srcPort, dstPort, payload),
            Inner.Tcp => FrameBuilder.Tcp(buffer, VmA, VmB, s, d, srcPort, dstPort, 0x01020304, TcpHeader.FlagSyn, payload),
            Inner.Echo => FrameBuilder.EchoRequest(buffer, VmA, VmB, s, d, srcPort, dstPort, payload),
            Inner.NeighborSolicitation => FrameBuilder.NeighborSolicitation(buffer, VmA, s, d),
            _ => FrameBuilder.ArpRequest(buffer, VmA, s, d),
        };
        if (kind == Inner.NeighborSolicitation)
        {
            d = NeighborDiscovery.SolicitedNodeAddress(d);
        }

        return new Sent(buffer[..length], kind, s, d, srcPort, dstPort, null, null, default, 0);
    }

    private static Sent Encapsulate(Sent inner, string outerSrc, string outerDst, uint vsid)
    {
        var src = IpAddress.Parse(outerSrc);
        var dst = IpAddress.Parse(outerDst);
        Assert.Equal(ParseError.None, FrameParser.Parse(inner.Bytes, out var summary));
        var flowId = FlowHash.Compute(summary);
        var frameOffset = EthernetFrame.HeaderLength + NvgreEnvelope.Overhead(dst.IsV6);
        var buffer = new byte[frameOffset + inner.Bytes.Length];
        inner.Bytes.CopyTo(buffer, frameOffset);
        var ipAt = NvgreEnvelope.WriteInFront(buffer, frameOffset, inner.Bytes.Length, src, dst, new Vsid(vsid), flowId);
        EthernetFrame.WriteHeader(buffer.AsSpan(ipAt - EthernetFrame.HeaderLength), RouterMac, HostMac, dst.IsV6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);
        return inner with { Bytes = buffer, OuterSource = src, OuterDestination = dst, Vsid = new Vsid(vsid), FlowId = flowId };
    }

    private static List<Sent> Packets() =>
    [
        // RFC 7637 section 4: outer IPv4 provider addresses, inner IPv4 and IPv6 customer traffic.
        Encapsulate(BuildInner(Inner.Udp, "10.0.0.1", "10.0.0.2", 40001, 53), "192.0.2.1", "192.0.2.2", 0x5001),
        Encapsulate(BuildInner(Inner.Tcp, "10.0.0.1", "10.0.0.2", 40002, 443), "192.0.2.1", "192.0.2.2", 0x5001),
        Encapsulate(BuildInner(Inner.Echo, "10.0.0.1", "10.0.0.2", 7, 1), "192.0.2.1", "192.0.2.3", 0x5002),
        Encapsulate(BuildInner(Inner.Udp, "fd00::1", "fd00::2", 5353, 5353), "192.0.2.1", "192.0.2.2", 0x1000),
        Encapsulate(BuildInner(Inner.Tcp, "fd00::1", "fd00::2", 50000, 22), "192.0.2.3", "192.0.2.1", 0xFFFFFE),
        // RFC 7637 section 4: outer IPv6 provider addresses.
        Encapsulate(BuildInner(Inner.Udp, "10.1.0.1", "10.1.0.2", 1111, 2222), "2001:db8::1", "2001:db8::2", 0x6001),
        Encapsulate(BuildInner(Inner.Tcp, "10.1.0.1", "10.1.0.2", 3333, 80), "2001:db8::1", "2001:db8::2", 0x6001),
        Encapsulate(BuildInner(Inner.Echo, "fd00:1::1", "fd00:1::2", 9, 2), "2001:db8::2", "2001:db8::1", 0x6002),
        Encapsulate(BuildInner(Inner.Tcp, "fd00:1::1", "fd00:1::2", 61000, 8080), "2001:db8::1", "2001:db8::3", 0xABCDEF),
        Encapsulate(BuildInner(Inner.Arp, "10.0.0.1", "10.0.0.9", 0, 0), "192.0.2.1", "192.0.2.2", 0x5001),
        // Plain frames.
        BuildInner(Inner.Udp, "198.51.100.1", "198.51.100.2", 123, 123),
        BuildInner(Inner.Tcp, "2001:db8:1::1", "2001:db8:1::2", 44444, 443),
        BuildInner(Inner.Echo, "198.51.100.1", "198.51.100.2", 0x1234, 1),
        BuildInner(Inner.Echo, "2001:db8:1::1", "2001:db8:1::2", 0x1234, 1),
        BuildInner(Inner.NeighborSolicitation, "fe80::1", "2001:db8:1::2", 0, 0),
        BuildInner(Inner.Arp, "198.51.100.1", "198.51.100.9", 0, 0),
    ];

    private static string Occurrences(params IpAddress?[] addresses) =>
        string.Join(';', addresses.Where(a => a is not null).Select(a => a!.Value.ToString()));

    private static string Status(int count) => string.Join(';', Enumerable.Repeat(Good, count));

    [Fact]
    public async Task Tshark_NvgreAndPlainFrames_DissectAsBuiltWithGoodChecksums()
    {
        Assert.True(File.Exists(Tshark), $"{Tshark} is required (docs/architecture.md: nothing is skipped; a missing tool is a failure)");
        var packets = Packets();
        var path = Path.Combine(Path.GetTempPath(), $"hnv-wire-oracle-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var writer = new PcapWriter(File.Create(path)))
            {
                var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
                foreach (var packet in packets)
                {
                    writer.Write(packet.Bytes, time);
                    time = time.AddMilliseconds(1);
                }
            }

            List<string> arguments =
            [
                "-r", path, "-n", "-T", "fields", "-E", "separator=,", "-E", "occurrence=a", "-E", "aggregator=;",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            ];
            foreach (var field in Fields)
            {
                arguments.Add("-e");
                arguments.Add(field);
            }

            var result = await ProcessRunner.RunAsync(Tshark, arguments, TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, $"tshark exited {result.ExitCode}: {result.StandardError}");
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(packets.Count, lines.Length);
            for (var i = 0; i < packets.Count; i++)
            {
                AssertDissection(packets[i], i + 1, lines[i].Split(','));
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.False(File.Exists(path));
    }

    private static void AssertDissection(Sent p, int number, string[] f)
    {
        var row = Fields.Zip(f, (name, value) => (name, value)).ToDictionary(x => x.name, x => x.value);
        var because = $"packet {number} ({p.Kind}, outer {p.OuterDestination?.ToString() ?? "none"}): {string.Join(',', f)}";
        Assert.True(row["frame.number"] == number.ToString(CultureInfo.InvariantCulture), because);

        var encapsulated = p.OuterSource is not null;
        var innerIp = p.Kind != Inner.Arp;
        var outerV4 = encapsulated && !p.OuterDestination!.Value.IsV6;
        var outerV6 = encapsulated && p.OuterDestination!.Value.IsV6;
        var innerV4 = innerIp && !p.Destination.IsV6;
        var innerV6 = innerIp && p.Destination.IsV6;

        // RFC 7637 section 3.2: Key = VSID << 8 | FlowID; Protocol Type 0x6558.
        var expectedKey = encapsulated ? $"0x{(p.Vsid.Value << 8) | p.FlowId:x8}" : "";
        Assert.True(row["gre.key"] == expectedKey, $"gre.key {row["gre.key"]} != {expectedKey}; {because}");
        Assert.True(row["gre.proto"] == (encapsulated ? "0x6558" : ""), $"gre.proto; {because}");

        Assert.True(row["ip.src"] == Occurrences(outerV4 ? p.OuterSource : null, innerV4 ? p.Source : null), $"ip.src; {because}");
        Assert.True(row["ip.dst"] == Occurrences(outerV4 ? p.OuterDestination : null, innerV4 ? p.Destination : null), $"ip.dst; {because}");
        Assert.True(row["ipv6.src"] == Occurrences(outerV6 ? p.OuterSource : null, innerV6 ? p.Source : null), $"ipv6.src; {because}");
        Assert.True(row["ipv6.dst"] == Occurrences(outerV6 ? p.OuterDestination : null, innerV6 ? p.Destination : null), $"ipv6.dst; {because}");

        var port = (ushort value) => value.ToString(CultureInfo.InvariantCulture);
        Assert.True(row["udp.srcport"] == (p.Kind == Inner.Udp ? port(p.SourcePort) : ""), $"udp.srcport; {because}");
        Assert.True(row["udp.dstport"] == (p.Kind == Inner.Udp ? port(p.DestinationPort) : ""), $"udp.dstport; {because}");
        Assert.True(row["tcp.srcport"] == (p.Kind == Inner.Tcp ? port(p.SourcePort) : ""), $"tcp.srcport; {because}");
        Assert.True(row["tcp.dstport"] == (p.Kind == Inner.Tcp ? port(p.DestinationPort) : ""), $"tcp.dstport; {because}");

        // Every checksum present is Good: outer and inner IPv4 headers, and the inner transport.
        Assert.True(row["ip.checksum.status"] == Status((outerV4 ? 1 : 0) + (innerV4 ? 1 : 0)), $"ip.checksum.status; {because}");
        Assert.True(row["udp.checksum.status"] == Status(p.Kind == Inner.Udp ? 1 : 0), $"udp.checksum.status; {because}");
        Assert.True(row["tcp.checksum.status"] == Status(p.Kind == Inner.Tcp ? 1 : 0), $"tcp.checksum.status; {because}");
        Assert.True(row["icmp.checksum.status"] == Status(p.Kind == Inner.Echo && innerV4 ? 1 : 0), $"icmp.checksum.status; {because}");
        var icmpv6 = (p.Kind == Inner.Echo && innerV6) || p.Kind == Inner.NeighborSolicitation;
        Assert.True(row["icmpv6.checksum.status"] == Status(icmpv6 ? 1 : 0), $"icmpv6.checksum.status; {because}");
    }
}
