using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Capture;
using Hnv.Wire.Ethernet;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Oracles;

/// <summary>
/// What the pipeline emits, dissected by tshark, an implementation no one here wrote: NVGRE as GRE with the
/// right key and protocol, and every IP/UDP/TCP/ICMP checksum good as tshark computes it.
/// </summary>
[Trait("tier", "system")]
public sealed class TsharkOracleTests : IDisposable
{
    private static readonly MacAddress UnderlayMac1 = MacAddress.Parse("02:aa:00:00:00:01");
    private static readonly MacAddress UnderlayMac2 = MacAddress.Parse("02:aa:00:00:00:02");
    private readonly string _pcap = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hnv-oracle-{Guid.NewGuid():N}.pcap");

    public void Dispose() => File.Delete(_pcap);

    [Fact]
    public void PipelineOutput_DissectsAsNvgreWithGoodChecksums()
    {
        var host = Host1(underlayMtu: 9000);
        var counters = new ForwardingCounters();
        var expectations = new List<string?>(); // the GRE key tshark must print, or null for a plain frame
        using (var writer = new PcapWriter(File.Create(_pcap)))
        {
            void Emit(PacketBuffer packet, int port, uint expectedVsid = 0, NodeSnapshot? on = null)
            {
                var verdict = ForwardingPipeline.FromPort(packet, port, on ?? host, counters);
                Assert.NotEqual(VerdictKind.Drop, verdict.Kind);
                if (verdict.Kind == VerdictKind.Encapsulate)
                {
                    // The agent's underlay port puts the outer Ethernet header in front; do the same here.
                    packet.Offset -= EthernetFrame.HeaderLength;
                    packet.Length += EthernetFrame.HeaderLength;
                    EthernetFrame.WriteHeader(packet.Data, UnderlayMac2, UnderlayMac1, verdict.ProviderAddress.IsV6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);
                    var ipLength = verdict.ProviderAddress.IsV6 ? 40 : 20;
                    var key = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.Data[(14 + ipLength + 4)..]);
                    Assert.Equal(expectedVsid, key >> 8);
                    expectations.Add($"0x{key:x8}");
                }
                else
                {
                    expectations.Add(null);
                }

                writer.Write(packet.Data, DateTimeOffset.UnixEpoch.AddSeconds(expectations.Count));
            }

            for (var i = 0; i < 4; i++)
            {
                Emit(Udp(A1, A2.Ca4, A2.Mac, payload: 10 + (i * 300), srcPort: (ushort)(40000 + i)), 0, 5001);
                Emit(Udp(A1, A2.Ca6!.Value, A2.Mac, payload: 10 + (i * 300), srcPort: (ushort)(40000 + i)), 0, 5001);
            }

            Emit(Build(s => FrameBuilder.Tcp(s, A1.Mac, host.Settings.RouterMac, A1.Ca4, A4.Ca4, 33000, 5201, 1, 0x18, Bytes(700))), 0, 5002);
            Emit(Build(s => FrameBuilder.Tcp(s, A1.Mac, host.Settings.RouterMac, A1.Ca6!.Value, A4.Ca6!.Value, 33000, 5201, 1, 0x18, Bytes(700))), 0, 5002);
            Emit(Build(s => FrameBuilder.EchoRequest(s, A1.Mac, A2.Mac, A1.Ca4, A2.Ca4, 1, 1, Bytes(56))), 0, 5001);
            Emit(Udp(A1, A5), 0, 5001);                                        // IPv4 CA over IPv6 PA
            Emit(Udp(B1, B2), 2, 6001);
            Emit(Build(s => FrameBuilder.ArpRequest(s, A1.Mac, A1.Ca4, A2.Ca4)), 0);                                       // ARP reply
            Emit(Build(s => FrameBuilder.NeighborSolicitation(s, A1.Mac, A1.Ca6!.Value, A2.Ca6!.Value)), 0);                // NA
            Emit(Build(s => FrameBuilder.EchoRequest(s, A1.Mac, host.Settings.RouterMac, A1.Ca4, IpAddress.Parse("10.0.0.1"), 9, 9, Bytes(56))), 0);
            Emit(Udp(A1, A4.Ca4, host.Settings.RouterMac, ttl: 1), 0);        // time exceeded
            Emit(Udp(A1, A4.Ca6!.Value, host.Settings.RouterMac, ttl: 1), 0); // time exceeded v6
            var fabric1500 = Host1(underlayMtu: 1500);
            Emit(Udp(A1, A2, payload: 1472), 0, on: fabric1500);                // fragmentation needed
            Emit(Udp(A1, A2, v6: true, payload: 1452), 0, on: fabric1500);      // packet too big
        }

        // samples/nvgre-demo.pcap, the README demo's capture, is this file: HNV_SAMPLE_PCAP=path regenerates it.
        if (Environment.GetEnvironmentVariable("HNV_SAMPLE_PCAP") is { Length: > 0 } sample)
        {
            File.Copy(_pcap, sample, overwrite: true);
        }

        var rows = Tshark.Fields(_pcap, "frame.number", "gre.key", "gre.proto", "ip.checksum.status", "udp.checksum.status",
            "tcp.checksum.status", "icmp.checksum.status", "icmpv6.checksum.status", "arp.opcode");
        Assert.Equal(expectations.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (expectations[i] is { } key)
            {
                Assert.Equal(key, row[1]);
                Assert.Equal("0x6558", row[2]);
            }
            else
            {
                Assert.Equal(string.Empty, row[1]);
            }

            var statuses = row[3..8].SelectMany(f => f.Split(';', StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.DoesNotContain("0", statuses); // 0 = bad, 1 = good, 2 = not checked
            Assert.True(statuses.Contains("1") || row[8] == "2", $"frame {row[0]}: nothing was checked ({string.Join(",", row)})");
        }
    }
}
