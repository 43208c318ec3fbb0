namespace Hnv.EndToEnd.Tests;

/// <summary>Anti-spoofing, path MTU and agent restarts, on the real lab.</summary>
[Collection(Ipv4Lab.Name)]
[Trait("tier", "end-to-end")]
public sealed class GuardTests(Ipv4LabFixture lab)
{
    [Fact]
    public void VmForgingAnotherVmsIp_GetsNothingThroughAndTheDropIsCounted()
    {
        var before = lab.Drops("host1", "SourceIpSpoofed");
        lab.Exec("b4", "ip", "addr", "add", "10.0.0.10/32", "dev", "eth0"); // b1's CA, on b4
        // A static neighbour, so the forged packets themselves go out (not only ARP requests, dropped as ArpSpoofed).
        var b2Mac = lab.State.Topology.Vms.Single(v => v.Name == "b2").Mac;
        lab.Exec("b4", "ip", "neigh", "replace", "10.0.0.11", "lladdr", b2Mac, "dev", "eth0", "nud", "permanent");
        try
        {
            var ping = lab.Exec("b4", "ping", "-c", "2", "-W", "1", "-I", "10.0.0.10", "10.0.0.11");

            Assert.NotEqual(0, ping.ExitCode);
            Assert.True(lab.Drops("host1", "SourceIpSpoofed") >= before + 2);
            var meaning = lab.AgentApi("host1", "/v1/counters").GetProperty("dropDescriptions").GetProperty("SourceIpSpoofed").GetString();
            Assert.Equal("A VM sent a packet from an IP address that is not one of its NIC's CAs.", meaning);
            Assert.Contains(meaning!, LabFixture.Hnv("lab", "counters", lab.Name, "host1").Output, StringComparison.Ordinal); // the table's MEANING column
        }
        finally
        {
            lab.Exec("b4", "ip", "addr", "del", "10.0.0.10/32", "dev", "eth0");
            lab.Exec("b4", "ip", "neigh", "del", "10.0.0.11", "dev", "eth0");
        }
    }

    [Fact]
    public void VmForgingAnotherVmsMac_GetsNothingThroughAndTheDropIsCounted()
    {
        var before = lab.Drops("host1", "SourceMacSpoofed");
        var mac = lab.State.Topology.Vms.Single(v => v.Name == "b4").Mac;
        var b1Mac = lab.State.Topology.Vms.Single(v => v.Name == "b1").Mac;
        lab.Exec("b4", "ip", "link", "set", "eth0", "address", b1Mac);
        try
        {
            Assert.NotEqual(0, lab.Exec("b4", "ping", "-c", "2", "-W", "1", "10.0.0.11").ExitCode);
            Assert.True(lab.Drops("host1", "SourceMacSpoofed") >= before + 1);
        }
        finally
        {
            lab.Exec("b4", "ip", "link", "set", "eth0", "address", mac);
        }
    }

    [Fact]
    public void VmAtMtu1500OverA1500Fabric_GetsFragmentationNeeded1458_ThenTcpWorksByPmtud()
    {
        lab.Exec("b3", "ip", "link", "set", "eth0", "mtu", "1500");
        lab.Exec("b3", "ip", "route", "flush", "cache");
        try
        {
            var ping = lab.Exec("b3", "ping", "-M", "do", "-s", "1472", "-c", "2", "-W", "1", "10.0.0.11");

            Assert.Contains("mtu = 1458", ping.Output + ping.Error, StringComparison.Ordinal);

            using var server = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5304");
            Thread.Sleep(500);
            var tcp = lab.Exec(TimeSpan.FromSeconds(20), "b3", "iperf3", "-c", "10.0.0.11", "-p", "5304", "-t", "2");
            Assert.True(tcp.ExitCode == 0, tcp.ToString());
        }
        finally
        {
            lab.Exec("b3", "ip", "link", "set", "eth0", "mtu", "1458");
        }
    }

    [Fact]
    public void Ipv6VmAtMtu1500_GetsPacketTooBig()
    {
        lab.Exec("b3", "ip", "link", "set", "eth0", "mtu", "1500");
        try
        {
            var ping = lab.Exec("b3", "ping", "-6", "-M", "do", "-s", "1452", "-c", "2", "-W", "1", "fd00:b::11");

            Assert.Contains("mtu=1458", (ping.Output + ping.Error).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            lab.Exec("b3", "ip", "link", "set", "eth0", "mtu", "1458");
        }
    }

    [Fact]
    public void AgentKilledAndRestarted_VmsReachEachOtherAgainUntouched()
    {
        Assert.Equal(0, lab.Exec("b1", "ping", "-c", "1", "-W", "2", "10.0.0.11").ExitCode);

        lab.RestartAgent("host2");

        var ping = lab.Exec(TimeSpan.FromSeconds(20), "b1", "ping", "-c", "3", "-i", "0.3", "-w", "10", "10.0.0.11");
        Assert.True(ping.ExitCode == 0, ping.ToString());
    }
}
