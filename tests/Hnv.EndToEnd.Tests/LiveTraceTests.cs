using System.Text.Json;
using Hnv.Lab.State;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// Live traces on a running lab (issue 15): a marked probe on the real data path agrees with the computed trace on a
/// working path, out through the gateway too, never reaches the guest; and when a host stops watching the controller
/// the difference is named.
/// </summary>
[Collection(GatewayLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class LiveTraceTests(GatewayLabFixture lab)
{
    [Fact]
    public void OnAWorkingPath_LiveAgreesWithComputed_AndTheGuestSeesNoProbe()
    {
        var before = SentTo("host2", "b2");

        var trace = Json(lab.Manage("trace", "--from", "b1", "--to", "10.0.0.11", "--proto", "udp", "--dport", "9", "--live", "-o", "json"));

        var live = trace.GetProperty("live");
        Assert.True(live.GetProperty("agrees").GetBoolean(), live.ToString());
        var hops = live.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(("host1", "encapsulated"), (hops[0].GetProperty("host").GetString(), hops[0].GetProperty("verdict").GetString()));
        Assert.Equal(trace.GetProperty("underlay").GetProperty("destinationPa").GetString(), hops[0].GetProperty("outerDestination").GetString());
        Assert.Equal(trace.GetProperty("underlay").GetProperty("outer").GetProperty("key").GetString(), hops[0].GetProperty("key").GetString());
        Assert.Equal(("host2", "delivered", "b2"), (hops[1].GetProperty("host").GetString(), hops[1].GetProperty("verdict").GetString(), hops[1].GetProperty("port").GetString()));
        Assert.Contains(hops[1].GetProperty("steps").EnumerateArray(), s => s.GetProperty("stage").GetString() == "Decapsulate");
        Assert.Equal(before, SentTo("host2", "b2")); // the probe was taken before the port

        Assert.Contains("agrees with the computed trace", lab.Manage("trace", "--from", "b1", "--to", "10.0.0.11", "--live").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void OutThroughTheGateway_LiveAgrees()
    {
        var trace = Json(lab.Manage("trace", "--from", "r1", "--to", "203.0.113.80", "--proto", "tcp", "--live", "-o", "json"));

        Assert.Equal("outside", trace.GetProperty("verdict").GetString());
        var live = trace.GetProperty("live");
        Assert.True(live.GetProperty("agrees").GetBoolean(), live.ToString());
        Assert.Equal(("gw1", "outside"), (live.GetProperty("hops")[1].GetProperty("host").GetString(), live.GetProperty("hops")[1].GetProperty("verdict").GetString()));
    }

    [Fact]
    public void AHostThatStoppedWatching_IsNamedAsTheDifference()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), $"hnv-host2-{Guid.NewGuid():N}.token");
        Assert.Equal(0, lab.Manage("host", "credential", "host2", "--secret-file", elsewhere).Exit); // host2's agent keeps the old, now dead, token
        try
        {
            Assert.True(SpinWait.SpinUntil(() => !Connected("host2"), TimeSpan.FromSeconds(15)), "host2 still watches");

            var trace = Json(lab.Manage("trace", "--from", "b1", "--to", "10.0.0.11", "--live", "-o", "json"));

            Assert.Equal("delivered", trace.GetProperty("verdict").GetString()); // computed: host2 should deliver it
            var live = trace.GetProperty("live");
            Assert.False(live.GetProperty("agrees").GetBoolean());
            Assert.Contains(live.GetProperty("differences").EnumerateArray(), d => d.GetString()!.Contains("host2", StringComparison.Ordinal)
                && d.GetString()!.Contains("does not watch this replica", StringComparison.Ordinal));
            Assert.True(lab.Drops("host2", "ProbeUnclaimed") >= 1); // it dropped the probe it was not told about
        }
        finally
        {
            lab.Manage("host", "credential", "host2", "--secret-file", LabPaths.For(lab.Name).AgentToken("host2"));
            File.Delete(elsewhere);
            // Back when its agent watches again (its reports alone, with the new token, come sooner): a live trace agrees.
            Assert.True(SpinWait.SpinUntil(() =>
                {
                    Thread.Sleep(500);
                    return Json(lab.Manage("trace", "--from", "b1", "--to", "10.0.0.11", "--live", "-o", "json")).GetProperty("live").GetProperty("agrees").GetBoolean();
                }, TimeSpan.FromSeconds(40)), "host2's agent did not watch again");
        }
    }

    private bool Connected(string host) =>
        Json(lab.Manage("status", "--host", host, "-o", "json")).GetProperty("connected").GetBoolean();

    private long SentTo(string host, string port) =>
        lab.AgentApi(host, "/v1/ports").EnumerateArray().Single(p => p.GetProperty("name").GetString() == port).GetProperty("sentPackets").GetInt64();

    private static JsonElement Json((int Exit, string Output, string Error) run)
    {
        Assert.True(run.Exit == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }
}
