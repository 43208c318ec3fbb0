using System.Text.Json;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Containers attached by their veth's host end: their kernel sends TSO super-frames and leaves checksums unfinished
/// over the veth as a VM does over a TAP, so TCP and UDP work only if the agent's AF_PACKET port takes the offloads.
/// </summary>
[Collection(ContainerLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class ContainerTests(ContainerLabFixture lab)
{
    [Theory]
    [InlineData("c1", "10.0.0.11")] // container to a VM on another host
    [InlineData("c1", "fd00:b::12")] // container to a container on another host
    [InlineData("b2", "10.0.0.12")] // VM to a container on its own host
    public void Ping_ReachesTheOther(string from, string to)
    {
        var ping = lab.Exec(from, "ping", "-c", "2", "-i", "0.2", "-W", "2", to);

        Assert.True(ping.ExitCode == 0, ping.ToString());
    }

    [Theory]
    [InlineData("c1", "host1", "b2", "host2", "10.0.0.11")] // out of a container: its TSO read through AF_PACKET
    [InlineData("b2", "host2", "c1", "host1", "10.0.0.10")] // into a container: super-frames written whole through AF_PACKET
    public void Tcp_Iperf3AcrossHosts_OffloadsOnTheVeth(string client, string clientHost, string server, string serverHost, string address)
    {
        using var iperf = lab.Start(server, "iperf3", "-s", "-1", "-p", "5321");
        Thread.Sleep(500);
        var sent = lab.PortIo(clientHost, client);
        var received = lab.PortIo(serverHost, server);

        var run = lab.Exec(TimeSpan.FromSeconds(20), client, "iperf3", "-c", address, "-p", "5321", "-t", "2", "-J");

        Assert.True(run.ExitCode == 0, run.ToString());
        var bits = JsonDocument.Parse(run.Output).RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
        Assert.True(bits > 10e6, $"only {bits / 1e6:F1} Mbit/s");
        iperf.WaitForExit(5000);
        var split = LabFixture.Delta(lab.PortIo(clientHost, client), sent);
        var joined = LabFixture.Delta(lab.PortIo(serverHost, server), received);
        Assert.True(split["superFramesWhole"] > 10, string.Join(", ", split));
        Assert.True(joined["superFramesWritten"] > 10, string.Join(", ", joined));
        Assert.Equal(0, split["malformedOffloads"] + split["errors"] + joined["malformedOffloads"] + joined["errors"]);
    }

    [Theory]
    [InlineData("c1", "b2", "10.0.0.11")]
    [InlineData("b2", "c1", "10.0.0.10")]
    [InlineData("b2", "c3", "10.0.0.12")] // delivered on the same host
    public void Udp_Iperf3_ArrivesWithValidChecksums(string client, string server, string address)
    {
        using var iperf = lab.Start(server, "iperf3", "-s", "-1", "-p", "5322");
        Thread.Sleep(500);

        // 10 Mbit/s: the subject is checksums, and the test command runs other test assemblies beside this one on two cores.
        var run = lab.Exec(TimeSpan.FromSeconds(20), client, "iperf3", "-c", address, "-p", "5322", "-u", "-b", "10M", "-l", "1000", "-t", "2", "-J");

        Assert.True(run.ExitCode == 0, run.ToString());
        var sum = JsonDocument.Parse(run.Output).RootElement.GetProperty("end").GetProperty("sum");
        var packets = sum.GetProperty("packets").GetInt64();
        var lost = sum.GetProperty("lost_packets").GetInt64();
        Assert.True(packets > 1000 && lost * 10 < packets, $"{lost} of {packets} datagrams lost");
        iperf.WaitForExit(5000);
    }

    [Fact]
    public void LabStatus_SaysWhichNicEachHas()
    {
        var (exit, output, error) = LabFixture.Hnv("lab", "status", lab.Name, "--output", "json");

        Assert.True(exit == 0, error);
        var vms = JsonDocument.Parse(output).RootElement.GetProperty("vms").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("nic").GetString());
        Assert.Equal("veth", vms["c1"]);
        Assert.Equal("tap", vms["b2"]);
    }
}
