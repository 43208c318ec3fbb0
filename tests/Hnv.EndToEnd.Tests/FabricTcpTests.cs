using Hnv.Lab.Topology;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// TCP on the wire. The agents hand their underlay TCP super-frames whole and the host's kernel or NIC segments them
/// (docs/agent.md, "Segmentation offload"); a veth fabric carries them whole. Where the host's device cannot segment GRE
/// nor checksum, as a plain NIC, the kernel cuts them: what crosses the fabric is then what crosses any wire, and
/// tshark must read it as NVGRE of wire size, the right key and protocol, and valid checksums inside and out.
/// </summary>
[Collection(Ipv4Lab.Name)]
[Trait("tier", "end-to-end")]
public sealed class FabricTcpTests(Ipv4LabFixture lab)
{
    [Fact]
    public void Fabric_TcpTheSendingKernelSegments_IsWireSizedNvgreWithValidChecksums()
    {
        var host = LabNames.Prefixed(lab.Name, "host1");
        var pcap = Path.Combine(Path.GetTempPath(), $"hnv-e2e-tcp-{lab.Name}.pcap");
        Assert.Equal(0, Tool.Run(TimeSpan.FromSeconds(10), "ip", "netns", "exec", host, "ethtool", "-K", "eth0", "tx-gre-segmentation", "off", "tx", "off").ExitCode);
        try
        {
            var before = lab.UnderlayIo("host1");
            using var server = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5304");
            Thread.Sleep(500);
            using var capture = Tool.Start("ip", "netns", "exec", lab.FabricNamespace, "tshark", "-q", "-i", lab.Bridge, "-f", "ip proto 47 and src host 192.0.2.1",
                "-w", pcap, "-a", "duration:6");
            Tool.WaitForCapture(capture);

            // A paced flow: enough for TSO super-frames, little enough to capture whole (checksums need every byte).
            var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", "10.0.0.11", "-p", "5304", "-b", "40M", "-t", "2");
            Assert.True(client.ExitCode == 0, client.ToString());
            capture.WaitForExit(15000);

            var sent = LabFixture.Delta(lab.UnderlayIo("host1"), before);
            Assert.True(sent["superFramesSent"] > 10 && sent["superFramesRefused"] == 0, string.Join(", ", sent));
            var fields = Tool.Run(TimeSpan.FromSeconds(60), "tshark", "-r", pcap, "-n", "-Y", "tcp.len > 0", "-T", "fields", "-E", "separator=,",
                "-E", "occurrence=a", "-E", "aggregator=;", "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-e", "frame.len", "-e", "gre.key", "-e", "gre.proto", "-e", "ip.checksum.status", "-e", "tcp.checksum.status");
            Assert.Equal(0, fields.ExitCode);
            var rows = fields.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
            Assert.True(rows.Count > 100, $"only {rows.Count} TCP segments captured");
            foreach (var row in rows)
            {
                Assert.True(int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture) <= 1514, $"a frame larger than the fabric's MTU: {string.Join(",", row)}");
                Assert.Equal(5001u, Convert.ToUInt32(row[1], 16) >> 8);
                Assert.Equal("0x6558", row[2]);
                Assert.Equal(["1", "1"], row[3].Split(';'));  // outer and inner IPv4 header checksums: good
                Assert.Equal("1", row[4]);                     // the inner TCP checksum: good
            }
        }
        finally
        {
            Tool.Run(TimeSpan.FromSeconds(10), "ip", "netns", "exec", host, "ethtool", "-K", "eth0", "tx-gre-segmentation", "on", "tx", "on");
            File.Delete(pcap);
        }
    }
}
