namespace Hnv.EndToEnd.Tests;

/// <summary>Unmodified Linux stacks in VMs talk through hnv: ping, TCP, UDP and DNS, IPv4 and IPv6, across hosts and on one host.</summary>
[Collection(Ipv4Lab.Name)]
[Trait("tier", "end-to-end")]
public sealed class ConnectivityTests(Ipv4LabFixture lab)
{
    [Theory]
    [InlineData("b1", "10.0.0.11")]  // host1 -> host2
    [InlineData("b1", "10.0.0.12")]  // host1 -> host3
    [InlineData("b1", "10.0.0.13")]  // two VMs on host1
    [InlineData("b1", "fd00:b::11")] // IPv6 in the overlay, across hosts
    [InlineData("b1", "fd00:b::13")] // IPv6 on one host
    [InlineData("b2", "10.0.0.1")]   // the subnet's default router, answered by host2's agent
    [InlineData("b2", "fd00:b::1")]
    public void Ping_ReachesTheVm(string from, string to)
    {
        var ping = lab.Exec(from, "ping", "-c", "3", "-i", "0.2", "-W", "2", to);

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.Contains("3 received", ping.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_AddressNoVmHas_GetsNoAnswer()
    {
        var ping = lab.Exec("b1", "ping", "-c", "1", "-W", "1", "10.0.0.99");

        Assert.NotEqual(0, ping.ExitCode);
    }

    [Theory]
    [InlineData("10.0.0.11")]
    [InlineData("fd00:b::11")]
    public void Tcp_Iperf3AcrossHosts_TransfersData(string server)
    {
        using var iperf = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5301");
        Thread.Sleep(500);
        var sent = lab.PortIo("host1", "b1");
        var received = lab.PortIo("host2", "b2");
        var sender = lab.UnderlayIo("host1");
        var receiver = lab.UnderlayIo("host2");

        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", server, "-p", "5301", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var bits = System.Text.Json.JsonDocument.Parse(client.Output).RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
        Assert.True(bits > 10e6, $"only {bits / 1e6:F1} Mbit/s");
        iperf.WaitForExit(5000);

        // The offloads really carried it, as the agents' I/O counters show: b1's TSO super-frames went through host1's
        // pipeline whole and left its underlay whole, the kernel marking each as a GRE tunnel's GSO packet (none refused);
        // host2 received them whole and wrote them to b2 whole.
        var read = LabFixture.Delta(lab.PortIo("host1", "b1"), sent);
        Assert.True(read["superFramesWhole"] > 10, string.Join(", ", read));
        var underlaySent = LabFixture.Delta(lab.UnderlayIo("host1"), sender);
        Assert.True(underlaySent["superFramesSent"] >= read["superFramesWhole"] && underlaySent["superFramesEncapsulated"] == underlaySent["superFramesSent"],
            string.Join(", ", underlaySent));
        Assert.Equal(0, underlaySent["superFramesRefused"] + underlaySent["sendErrors"]);
        Assert.True(LabFixture.Delta(lab.UnderlayIo("host2"), receiver)["superFramesWhole"] > 10);
        var written = LabFixture.Delta(lab.PortIo("host2", "b2"), received);
        Assert.True(written["superFramesWritten"] > 10, string.Join(", ", written));
        Assert.Equal(0, written["malformedOffloads"] + written["errors"] + read["malformedOffloads"] + read["errors"]);
        foreach (var host in new[] { "host1", "host2" })
        {
            Assert.Equal(1, lab.AgentApi(host, "/v1/counters").GetProperty("io").GetProperty("underlay").GetProperty("ingressDrop").GetInt64());
        }
    }

    [Fact]
    public void LabCounters_ShowWhatTheAgentsCounted()
    {
        long Encapsulated() => System.Text.Json.JsonDocument.Parse(LabFixture.Hnv("lab", "counters", lab.Name, "host1", "-o", "json").Output).RootElement
            .EnumerateArray().Single().GetProperty("counters").GetProperty("vsids").EnumerateArray()
            .Single(v => v.GetProperty("vsid").GetInt32() == 5001).GetProperty("encapsulatedPackets").GetInt64();
        var before = Encapsulated();

        Assert.Equal(0, lab.Exec("b1", "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.0.11").ExitCode);

        Assert.True(Encapsulated() - before >= 3, "three pings from b1 to another host were not counted as encapsulated on host1");
        var workers = System.Text.Json.JsonDocument.Parse(LabFixture.Hnv("lab", "counters", lab.Name, "host1", "-o", "json").Output).RootElement
            .EnumerateArray().Single().GetProperty("counters").GetProperty("workers").EnumerateArray()
            .ToDictionary(w => w.GetProperty("reads").GetString()!, w => w.GetProperty("packets").GetInt64());
        Assert.True(workers.Keys.SequenceEqual(["all"]) && workers["all"] >= 6, $"the workers' packets: {string.Join(", ", workers)}"); // one thread, the default
        var (exit, output, error) = LabFixture.Hnv("lab", "counters", lab.Name);
        Assert.True(exit == 0, error);
        foreach (var expected in new[] { "host1: send failures", "host2: send failures", "host3: send failures", "VSID", "ENCAPSULATED", "underlay  ingressDrop", "b1        superFramesRead", "WORKER READS" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }

        var unknown = LabFixture.Hnv("lab", "counters", lab.Name, "host9");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("has no host or gateway 'host9'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Udp_Iperf3AcrossHosts_ArrivesWithValidChecksums()
    {
        // UDP is where broken checksum offloads show ("ping works, DNS doesn't"): a bad checksum is a lost datagram.
        using var iperf = lab.Start("b3", "iperf3", "-s", "-1", "-p", "5302");
        Thread.Sleep(500);

        // 10 Mbit/s: the subject is checksums, and the test command runs other test assemblies beside this one on two cores.
        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", "10.0.0.12", "-p", "5302", "-u", "-b", "10M", "-l", "1000", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var sum = System.Text.Json.JsonDocument.Parse(client.Output).RootElement.GetProperty("end").GetProperty("sum");
        var lost = sum.GetProperty("lost_percent").GetDouble();
        Assert.True(sum.GetProperty("packets").GetInt64() > 1000 && lost < 5, $"lost {lost} %");
        iperf.WaitForExit(5000);
    }

    [Fact]
    public void Dns_DigAgainstDnsmasqInAnotherVm_Answers()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"hnv-e2e-dnsmasq-{lab.Name}.pid");
        var start = lab.Exec("b2", "dnsmasq", "--no-resolv", "--no-hosts", "-i", "eth0", "-p", "53", "-x", pidFile, "--address=/hnv.test/10.0.0.99");
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            var dig = lab.Exec("b1", "dig", "+short", "+time=2", "+tries=2", "@10.0.0.11", "hnv.test");
            var dig6 = lab.Exec("b1", "dig", "+short", "+time=2", "+tries=2", "@fd00:b::11", "hnv.test");

            Assert.Equal("10.0.0.99", dig.Output.Trim());
            Assert.Equal("10.0.0.99", dig6.Output.Trim());
        }
        finally
        {
            Tool.Run(TimeSpan.FromSeconds(5), "kill", File.ReadAllText(pidFile).Trim());
            File.Delete(pidFile);
        }
    }
}
