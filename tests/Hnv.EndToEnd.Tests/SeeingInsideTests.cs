using System.Text.Json;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Seeing inside a running lab (issue 15): the computed trace against what the agents really do, captures that tshark
/// reads with their filter honoured, a captured fabric packet named back to its NICs, the drop stream, and a host's
/// reported counters.
/// </summary>
[Collection(GatewayLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class SeeingInsideTests(GatewayLabFixture lab) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-seeing-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ComputedTrace_NamesTheHostsAndPasThePingReallyCrosses()
    {
        var trace = Json(lab.Manage("trace", "--from", "b1", "--to", "10.0.0.11", "-o", "json"));

        Assert.Equal("delivered", trace.GetProperty("verdict").GetString());
        Assert.Equal(("b2", "host2"), (trace.GetProperty("destination").GetProperty("nic").GetString(), trace.GetProperty("destination").GetProperty("host").GetString()));
        var underlay = trace.GetProperty("underlay");
        var (sourcePa, destinationPa) = (underlay.GetProperty("sourcePa").GetString()!, underlay.GetProperty("destinationPa").GetString()!);
        Assert.False(underlay.GetProperty("mtuAssumed").GetBoolean()); // the agent reported its MTU
        Assert.Equal(1500, underlay.GetProperty("mtu").GetInt32());

        // The fabric shows those PAs and that VSID for the real ping.
        var pcap = Path.Combine(_folder, "fabric.pcap");
        var fields = CaptureWhile(["capture", "--host", "host1", "--underlay", "--vsid", "5001", "--count", "4", "--duration", "8", "-w", pcap],
            () => lab.Exec("b1", "ping", "-c", "10", "-i", "0.2", "-W", "1", "10.0.0.11"),
            pcap, "-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "gre.key");
        Assert.All(fields, f => Assert.Equal(5001u, Convert.ToUInt32(f[2], 16) >> 8));
        var pairs = fields.Select(f => (f[0].Split(',')[0], f[1].Split(',')[0])).ToHashSet();
        Assert.Contains((sourcePa, destinationPa), pairs); // the echo requests, as traced
        Assert.Subset(new HashSet<(string, string)> { (sourcePa, destinationPa), (destinationPa, sourcePa) }, pairs); // and the replies back
    }

    [Fact]
    public void CapturedFabricPacket_IsNamedBackToItsNics_AndItsFlowIdIsTheHostsOwn()
    {
        var pcap = Path.Combine(_folder, "udp.pcap");
        var fields = CaptureWhile(["capture", "--host", "host1", "--underlay", "--ca", "10.0.0.11", "--count", "3", "--duration", "8", "-w", pcap],
            () => lab.Exec("b1", "bash", "-c", "for i in $(seq 12); do echo probe > /dev/udp/10.0.0.11/5353; sleep 0.2; done"),
            pcap, "-Y", "udp", "-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "gre.key", "-e", "udp.srcport", "-e", "udp.dstport");
        var packet = fields.First();
        var (outerSource, outerDestination, innerSource, innerDestination) =
            (packet[0].Split(',')[0], packet[1].Split(',')[0], packet[0].Split(',')[1], packet[1].Split(',')[1]);

        var found = Json(lab.Manage("trace", "--underlay", outerSource, outerDestination, "0x" + packet[2].Replace("0x", "", StringComparison.Ordinal),
            "--inner-src", innerSource, "--inner-dst", innerDestination, "--proto", "udp", "--sport", packet[3], "--dport", packet[4], "-o", "json"));

        Assert.Equal(("b1", "b2"), (found.GetProperty("sourceNic").GetString(), found.GetProperty("destinationNic").GetString()));
        Assert.Equal(("host1", "host2", "blue"), (found.GetProperty("sourceHost").GetString(), found.GetProperty("destinationHost").GetString(),
            found.GetProperty("routingDomainName").GetString()));
        Assert.True(found.GetProperty("flowIdMatches").GetBoolean(), found.ToString()); // the controller's hash is the agent's
        Assert.Equal(0, found.GetProperty("problems").GetArrayLength());

        // hnv decode --policy names every packet of the capture so.
        var decoded = Json(lab.Manage("decode", pcap, "--policy", "-o", "json"));
        Assert.NotEqual(0, decoded.GetArrayLength());
        Assert.All(decoded.EnumerateArray(), p =>
        {
            var policy = p.GetProperty("policy");
            Assert.Equal("blue", policy.GetProperty("routingDomain").GetString());
            Assert.Equal(["b1", "b2"], new[] { policy.GetProperty("sourceNic").GetString(), policy.GetProperty("destinationNic").GetString() }.Order());
            Assert.Equal(0, policy.GetProperty("problems").GetArrayLength());
        });
        Assert.Contains("b1 -> b2", lab.Manage("decode", pcap, "--policy").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NicCapture_HoldsOnlyThatNicsFrames_AndTsharkReadsIt()
    {
        var pcap = Path.Combine(_folder, "b1.pcap");
        var b1Mac = lab.State.Topology.Vms.Single(v => v.Name == "b1").Mac;

        var fields = CaptureWhile(["capture", "--host", "host1", "--nic", "b1", "--count", "6", "--duration", "8", "-w", pcap],
            () =>
            {
                lab.Exec("g1", "ping", "-c", "10", "-i", "0.2", "-W", "1", "10.9.0.1"); // another NIC on the same host, not captured
                return lab.Exec("b1", "ping", "-c", "10", "-i", "0.2", "-W", "1", "10.0.0.11");
            },
            pcap, "-T", "fields", "-e", "eth.src", "-e", "eth.dst", "-e", "icmp.type");
        Assert.Equal(6, fields.Count);
        Assert.All(fields, f => Assert.True(f[0] == b1Mac || f[1] == b1Mac, string.Join(' ', f)));
        Assert.Contains(fields, f => f[2] == "8"); // b1's echo requests
        Assert.Contains(fields, f => f[2] == "0"); // and the replies delivered to it

        var missing = LabFixture.Hnv("capture", "--host", "host1", "--nic", "nope", "--count", "1", "-w", Path.Combine(_folder, "none.pcap"));
        Assert.Equal(Cli.ExitCodes.NotFound, missing.Exit);
        Assert.Contains("no port nope", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_StreamsADropWithItsReasonNicAndFlow()
    {
        var observing = Task.Run(() => LabFixture.Hnv("observe", "--host", "host1", "--count", "1", "--duration", "10", "--ca", "10.0.0.99", "-o", "json"));
        Thread.Sleep(1000); // the stream's tap is on before the packet goes
        // No such CA in blue: the host answers no ARP for it, so a static neighbour sends the IP packets themselves.
        lab.Exec("b1", "ip", "neigh", "replace", "10.0.0.99", "lladdr", "02:48:4e:56:00:01", "dev", "eth0", "nud", "permanent");
        try
        {
            lab.Exec("b1", "ping", "-c", "3", "-i", "0.3", "-W", "1", "10.0.0.99");
        }
        finally
        {
            lab.Exec("b1", "ip", "neigh", "del", "10.0.0.99", "dev", "eth0");
        }

        var (exit, output, error) = await observing;
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var drop = lines.First(l => l.GetProperty("event").GetString() == "dropped");
        Assert.Equal(("host1", "NoLookupRecord", "b1", 5001u), (drop.GetProperty("host").GetString(), drop.GetProperty("reason").GetString(),
            drop.GetProperty("port").GetString(), drop.GetProperty("vsid").GetUInt32()));
        Assert.Equal(("icmp", "10.0.0.10", "10.0.0.99"), (drop.GetProperty("protocol").GetString(), drop.GetProperty("source").GetString(),
            drop.GetProperty("destination").GetString()));
        Assert.Equal("end", lines[^1].GetProperty("event").GetString());

        // The computed trace gives the same stage and reason.
        var trace = Json(lab.Manage("trace", "--from", "b1", "--to", "10.0.0.99", "-o", "json"));
        Assert.Equal(("dropped", "NoLookupRecord", "Route"), (trace.GetProperty("verdict").GetString(), trace.GetProperty("reason").GetString(),
            trace.GetProperty("stage").GetString()));
    }

    [Fact]
    public void AnotherTenantsAddress_TracesToADrop_AtTheRoute()
    {
        var trace = Json(lab.Manage("trace", "--from", "r1", "--to", "10.0.0.11", "-o", "json")); // b2's CA, but r1 is red's

        Assert.Equal(("dropped", "NoLookupRecord"), (trace.GetProperty("verdict").GetString(), trace.GetProperty("reason").GetString()));
        Assert.NotEqual(0, lab.Exec("r1", "ping", "-c", "1", "-W", "1", "10.0.0.11").ExitCode);
    }

    [Fact]
    public void HostStatus_ShowsTheCountersTheAgentReported()
    {
        Assert.Equal(0, lab.Exec("b1", "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.0.0.11").ExitCode);

        JsonElement status = default;
        Assert.True(SpinWait.SpinUntil(() =>
        {
            status = Json(lab.Manage("status", "--host", "host1", "-o", "json"));
            return status.TryGetProperty("counters", out var c) && c.GetProperty("ports").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "b1"
                && p.GetProperty("receivedPackets").GetInt64() >= 2);
        }, TimeSpan.FromSeconds(25)), status.ToString());
        var table = lab.Manage("status", "--host", "host1");
        Assert.Contains("RX PACKETS", table.Output, StringComparison.Ordinal);
        Assert.Contains("underlay mtu  1500", table.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs `hnv capture` while <paramref name="traffic"/> goes, then reads the file with tshark's fields.</summary>
    private static List<string[]> CaptureWhile(string[] capture, Func<ToolResult> traffic, string pcap, params string[] tshark)
    {
        var capturing = Task.Run(() => LabFixture.Hnv(capture));
        Thread.Sleep(800); // the capture's tap is on before the traffic starts
        traffic();
        var (exit, output, error) = capturing.GetAwaiter().GetResult();
        Assert.True(exit == 0, $"hnv capture: {error}");
        Assert.Contains("written to", output, StringComparison.Ordinal);
        var read = Tool.Run(TimeSpan.FromSeconds(30), ["tshark", "-r", pcap, .. tshark]);
        Assert.True(read.ExitCode == 0, $"tshark: {read}");
        return [.. read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))];
    }

    private static JsonElement Json((int Exit, string Output, string Error) run)
    {
        Assert.True(run.Exit == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }
}
