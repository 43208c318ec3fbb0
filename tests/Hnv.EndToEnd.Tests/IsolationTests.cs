namespace Hnv.EndToEnd.Tests;

/// <summary>Two tenants with identical CAs each reach only their own VMs, and the fabric carries only NVGRE.</summary>
[Collection(Ipv4Lab.Name)]
[Trait("tier", "end-to-end")]
public sealed class IsolationTests(Ipv4LabFixture lab)
{
    [Fact]
    public void SameCaInTwoTenants_EachReachesItsOwnVm()
    {
        // Only blue b2 (10.0.0.11) runs a server; red r2 has the same address and none. A TCP connection from
        // red r1 to 10.0.0.11 is refused by r2 (it reached red's VM), and blue's succeeds.
        using var server = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5303");
        Thread.Sleep(500);

        var red = lab.Exec(TimeSpan.FromSeconds(15), "r1", "iperf3", "-c", "10.0.0.11", "-p", "5303", "-t", "1");
        var blue = lab.Exec(TimeSpan.FromSeconds(15), "b1", "iperf3", "-c", "10.0.0.11", "-p", "5303", "-t", "1");

        Assert.NotEqual(0, red.ExitCode);
        Assert.Contains("refused", red.Output + red.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(blue.ExitCode == 0, blue.ToString());
    }

    [Fact]
    public void AddressOnlyTheOtherTenantHas_IsUnreachable()
    {
        // 10.0.0.12 and 10.0.0.13 are blue's; red has no such VMs.
        Assert.NotEqual(0, lab.Exec("r1", "ping", "-c", "1", "-W", "1", "10.0.0.12").ExitCode);
        Assert.NotEqual(0, lab.Exec("r1", "ping", "-c", "1", "-W", "1", "10.0.0.13").ExitCode);
    }

    [Fact]
    public void Fabric_CarriesOnlyNvgreWithTheTenantsVsidsAndNoVmBroadcast()
    {
        var pcap = Path.Combine(Path.GetTempPath(), $"hnv-e2e-fabric-{lab.Name}.pcap");
        using var capture = Tool.Start("ip", "netns", "exec", lab.FabricNamespace, "tshark", "-q", "-i", lab.Bridge, "-w", pcap, "-a", "duration:8");
        Tool.WaitForCapture(capture);
        try
        {
            // Flows in both tenants, and neighbour resolution inside the VMs (flush their caches first).
            foreach (var vm in new[] { "b1", "r1" })
            {
                lab.Exec(vm, "ip", "neigh", "flush", "all");
                lab.Exec(vm, "ip", "-6", "neigh", "flush", "all");
            }

            Assert.Equal(0, lab.Exec("b1", "ping", "-c", "3", "-i", "0.2", "10.0.0.11").ExitCode);
            Assert.Equal(0, lab.Exec("b1", "ping", "-c", "3", "-i", "0.2", "fd00:b::12").ExitCode);
            Assert.Equal(0, lab.Exec("r1", "ping", "-c", "3", "-i", "0.2", "10.0.0.11").ExitCode);
            for (var port = 7000; port < 7008; port++)
            {
                lab.Exec("b1", "bash", "-c", $"echo x > /dev/udp/10.0.0.12/{port}"); // bash: /dev/udp is not a file, dash has no such thing
            }

            capture.WaitForExit(15000);
            var fields = Tool.Run(TimeSpan.FromSeconds(60), "tshark", "-r", pcap, "-n", "-T", "fields", "-E", "separator=,", "-E", "occurrence=a",
                "-E", "aggregator=;", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-e", "eth.type", "-e", "ip.proto", "-e", "gre.key", "-e", "gre.proto", "-e", "arp.src.proto_ipv4", "-e", "arp.dst.proto_ipv4",
                "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "icmp.checksum.status", "-e", "icmpv6.checksum.status", "-e", "ipv6.dst",
                "-e", "ipv6.src", "-e", "eth.src");
            Assert.Equal(0, fields.ExitCode);
            var rows = fields.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
            var gre = rows.Where(r => r[2].Length > 0).ToList();
            Assert.True(gre.Count >= 18, $"only {gre.Count} NVGRE packets captured");
            Assert.True(gre.Count(r => r[7].Length > 0) >= 8, "the eight UDP datagrams did not cross the fabric");
            var flowIds = new HashSet<string>();
            var vmMacs = lab.State.Topology.Vms.Select(v => v.Mac).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows)
            {
                if (row[0].Split(';')[0] == "0x0806")
                {
                    // The hosts' own ARP for each other's PAs is the underlay's business; no VM's ARP (a CA) may appear.
                    Assert.StartsWith("192.0.2.", row[4], StringComparison.Ordinal);
                    Assert.StartsWith("192.0.2.", row[5], StringComparison.Ordinal);
                    continue;
                }

                if (row[1].Length == 0 && row[11].StartsWith("fe80:", StringComparison.Ordinal))
                {
                    // The hosts' own IPv6 link-local chatter (router solicitations, MLD) on their underlay NICs:
                    // from a host's MAC, never a VM's, and about no CA.
                    Assert.DoesNotContain(row[12], vmMacs);
                    continue;
                }

                Assert.True(row[1].StartsWith("47", StringComparison.Ordinal), $"not GRE on the fabric: {string.Join(",", row)}");
                var key = Convert.ToUInt32(row[2], 16);
                Assert.Contains(key >> 8, new uint[] { 5001, 6001 });
                Assert.Equal("0x6558", row[3]);
                Assert.DoesNotContain("0", row[6..10].SelectMany(f => f.Split(';')));   // no bad checksum anywhere, inner or outer
                Assert.DoesNotContain("ff02", row[10], StringComparison.Ordinal);        // no IPv6 multicast (ND) inside either
                flowIds.Add($"{key & 0xFF}");
            }

            Assert.True(flowIds.Count > 3, $"FlowIDs do not vary across flows: {string.Join(" ", flowIds)}");
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
