using System.Text.Json;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Hosts whose NICs merge received NVGRE (GRO, the default on physical NICs): the receiving agent gets super-frames
/// of one flow's segments and must split them back exactly, or TCP stops and UDP arrives corrupt.
/// </summary>
[Collection(GroLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class GroUnderlayTests(GroLabFixture lab)
{
    [Theory]
    [InlineData("10.0.0.11")]
    [InlineData("fd00:b::11")]
    public void Tcp_Iperf3AcrossHosts_SuperFramesSplitBack(string server)
    {
        using var iperf = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5311");
        Thread.Sleep(500);
        var before = UnderlayIo("host2");

        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", server, "-p", "5311", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var bits = JsonDocument.Parse(client.Output).RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
        Assert.True(bits > 10e6, $"only {bits / 1e6:F1} Mbit/s");
        iperf.WaitForExit(5000);
        var io = Delta(UnderlayIo("host2"), before);
        Assert.True(io["superFramesReceived"] > 10 && io["segmentsSplit"] > 2 * io["superFramesReceived"], string.Join(", ", io));
        Assert.Equal(0, io["malformedOffloads"] + io["truncatedFrames"] + io["receiveErrors"]);
    }

    [Fact]
    public void Udp_Iperf3AcrossHosts_ArrivesWithValidChecksums()
    {
        using var iperf = lab.Start("b2", "iperf3", "-s", "-1", "-p", "5312");
        Thread.Sleep(500);

        var client = lab.Exec(TimeSpan.FromSeconds(20), "b1", "iperf3", "-c", "10.0.0.11", "-p", "5312", "-u", "-b", "20M", "-l", "1000", "-t", "2", "-J");

        Assert.True(client.ExitCode == 0, client.ToString());
        var sum = JsonDocument.Parse(client.Output).RootElement.GetProperty("end").GetProperty("sum");
        var packets = sum.GetProperty("packets").GetInt64();
        var lost = sum.GetProperty("lost_packets").GetInt64();
        Assert.True(packets > 1000 && lost * 10 < packets, $"{lost} of {packets} datagrams lost");
        iperf.WaitForExit(5000);
    }

    /// <summary>The underlay port's I/O counters, as the host's agent reports them.</summary>
    private Dictionary<string, long> UnderlayIo(string host) =>
        lab.AgentApi(host, "/v1/counters").GetProperty("io").GetProperty("underlay").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetInt64(), StringComparer.Ordinal);

    private static Dictionary<string, long> Delta(Dictionary<string, long> after, Dictionary<string, long> before) =>
        after.ToDictionary(c => c.Key, c => c.Value - before[c.Key], StringComparer.Ordinal);
}
