using System.Text.Json;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Hosts whose NICs merge received NVGRE (GRO, the default on physical NICs): the receiving agent gets super-frames
/// of one flow's segments. It hands TCP ones to the VM whole, in one write with an offload header; anything it got
/// wrong there (lengths, the partial checksum, order) stops TCP, and what it cannot take whole it must split back
/// exactly, or UDP arrives corrupt.
/// </summary>
[Collection(GroLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class GroUnderlayTests(GroLabFixture lab)
{
    [Theory]
    [InlineData("b2", "10.0.0.11")] // a VM on a TAP
    [InlineData("b2", "fd00:b::11")]
    [InlineData("c2", "10.0.0.12")] // a container on a veth (AF_PACKET)
    public void Tcp_Iperf3AcrossHosts_SuperFramesReachTheVmWhole(string server, string address)
    {
        using var iperf = lab.Start(server, "iperf3", "-s", "-1", "-p", "5311");
        Thread.Sleep(500);
        var before = lab.UnderlayIo("host2");
        var portBefore = lab.PortIo("host2", server);
        var (sentBefore, receivedBefore) = (Vsid5001("host1", "encapsulatedPackets"), Vsid5001("host2", "decapsulatedPackets"));

        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", address, "-p", "5311", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var end = JsonDocument.Parse(client.Output).RootElement.GetProperty("end");
        var bits = end.GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
        Assert.True(bits > 10e6, $"only {bits / 1e6:F1} Mbit/s");
        iperf.WaitForExit(5000);
        var io = LabFixture.Delta(lab.UnderlayIo("host2"), before);
        var port = LabFixture.Delta(lab.PortIo("host2", server), portBefore);
        Assert.True(io["superFramesWhole"] > 10, string.Join(", ", io));
        Assert.Equal(io["superFramesWhole"], port["superFramesWritten"]);
        Assert.Equal(0, io["malformedOffloads"] + io["truncatedFrames"] + io["receiveErrors"] + port["errors"]);

        // What one host encapsulated, the other decapsulated: a super-frame counts its segments.
        var sent = Vsid5001("host1", "encapsulatedPackets") - sentBefore;
        var received = Vsid5001("host2", "decapsulatedPackets") - receivedBefore;
        Assert.InRange(received, sent * 9 / 10, sent);
    }

    [Fact]
    public void Udp_Iperf3AcrossHosts_ArrivesWithValidChecksums()
    {
        using var iperf = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5312");
        Thread.Sleep(500);

        // 10 Mbit/s: the subject is checksums, and the test command runs other test assemblies beside this one on two cores.
        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", "10.0.0.11", "-p", "5312", "-u", "-b", "10M", "-l", "1000", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var sum = JsonDocument.Parse(client.Output).RootElement.GetProperty("end").GetProperty("sum");
        var packets = sum.GetProperty("packets").GetInt64();
        var lost = sum.GetProperty("lost_packets").GetInt64();
        Assert.True(packets > 1000 && lost * 10 < packets, $"{lost} of {packets} datagrams lost");
        iperf.WaitForExit(5000);
    }

    private long Vsid5001(string host, string counter) =>
        lab.AgentApi(host, "/v1/counters").GetProperty("vsids").EnumerateArray().Single(v => v.GetProperty("vsid").GetInt32() == 5001)
            .GetProperty(counter).GetInt64();
}
