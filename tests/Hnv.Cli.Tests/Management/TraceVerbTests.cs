using System.Text.Json;

namespace Hnv.Cli.Tests.Management;

/// <summary>`hnv trace` and `hnv status --host` against the real controller: tables, --summary, JSON and usage errors.</summary>
[Trait("tier", "service")]
public sealed class TraceVerbTests : IDisposable
{
    private readonly ControllerProcess _controller = new();

    public TraceVerbTests()
    {
        Ok("routing-domain", "add", "blue");
        Ok("subnet", "add", "5001", "-r", "blue", "--prefix", "10.0.0.0/24");
        Ok("host", "add", "h1");
        Ok("host", "add", "h2");
        Ok("provider-address", "add", "--host", "h1", "--pa", "192.0.2.1/24");
        Ok("provider-address", "add", "--host", "h2", "--pa", "192.0.2.2/24");
        Ok("provider-route", "add", "--host", "h1", "--destination", "192.0.2.0/24", "--next-hop", "192.0.2.254");
        Ok("nic", "add", "n1", "--host", "h1", "--subnet", "5001", "--mac", "02:00:00:00:00:01", "--address", "10.0.0.11");
        Ok("nic", "add", "n2", "--host", "h2", "--subnet", "5001", "--mac", "02:00:00:00:00:02", "--address", "10.0.0.12");
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Trace_ShowsEachHostsStages_AndTheUnderlay()
    {
        var table = Ok("trace", "--from", "n1", "--to", "10.0.0.12", "--proto", "tcp", "--dport", "22");

        Assert.Contains("packet   tcp 10.0.0.11:40000 -> 10.0.0.12:22, 96 bytes, from n1 on h1 in blue (vsid 5001)", table, StringComparison.Ordinal);
        Assert.Matches(@"verdict  delivered to n2 on h2, over NVGRE 192\.0\.2\.1 -> 192\.0\.2\.2 key 0x001389[0-9a-f]{2}\n", table.ReplaceLineEndings("\n"));
        Assert.Contains("verdict  delivered to n2 on h2", table, StringComparison.Ordinal);
        Assert.Matches(@"1\s+h1\s+Encapsulate\s+NVGRE 192\.0\.2\.1 -> 192\.0\.2\.2", table);
        Assert.Matches(@"2\s+h2\s+Decapsulate\s+to local port n2", table);
        Assert.Matches(@"outer  IPv4 192\.0\.2\.1 -> 192\.0\.2\.2, GRE key 0x001389[0-9a-f]{2} \(vsid 5001, flowid \d+\), DF, hop limit 64, 138 bytes", table);
        Assert.Contains("route  via 192.0.2.254 (provider route 192.0.2.0/24)", table, StringComparison.Ordinal);
        Assert.Contains("mtu    1500 (assumed", table, StringComparison.Ordinal);

        var summary = Ok("trace", "--from", "n1", "--to", "10.0.0.12", "--summary");
        Assert.Matches(@"^verdict delivered\nto n2 on h2\nunderlay 192\.0\.2\.1 -> 192\.0\.2\.2 key 0x001389[0-9a-f]{2}\n$", summary.ReplaceLineEndings("\n"));

        var json = Json("trace", "--from", "n1", "--to", "10.0.0.99");
        Assert.Equal("dropped", json.GetProperty("verdict").GetString());
        Assert.Equal("NoLookupRecord", json.GetProperty("reason").GetString());
    }

    [Fact]
    public void Underlay_NamesTheNicsOfAFabricPacket()
    {
        var key = Json("trace", "--from", "n1", "--to", "10.0.0.12", "--proto", "udp", "--sport", "7000").GetProperty("underlay").GetProperty("outer").GetProperty("key").GetString()!;

        var found = Ok("trace", "--underlay", "192.0.2.1", "192.0.2.2", "0x" + key,
            "--inner-src", "10.0.0.11", "--inner-dst", "10.0.0.12", "--proto", "udp", "--sport", "7000", "--dport", "53");

        Assert.Contains("routing domain  blue", found, StringComparison.Ordinal);
        Assert.Contains("from host       h1: n1", found, StringComparison.Ordinal);
        Assert.Contains("to host         h2: n2", found, StringComparison.Ordinal);
        Assert.Contains("inner flow      n1 -> n2, flowid matches", found, StringComparison.Ordinal);
        Assert.DoesNotContain("problem", found, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongUse_IsAUsageError_AndAnUnknownNicIsNotFound()
    {
        Assert.Equal(ExitCodes.Usage, _controller.Hnv("trace", "--to", "10.0.0.12").ExitCode);
        Assert.Equal(ExitCodes.Usage, _controller.Hnv("trace", "--underlay", "192.0.2.1", "192.0.2.2", "1", "--from", "n1").ExitCode);
        Assert.Equal(ExitCodes.Usage, _controller.Hnv("trace", "--underlay", "192.0.2.1", "192.0.2.2").ExitCode);
        var missing = _controller.Hnv("trace", "--from", "nope", "--to", "10.0.0.12");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("nope", missing.Error, StringComparison.Ordinal);
        var bad = _controller.Hnv("trace", "--from", "n1", "--to", "10.0.0.12", "--size", "5");
        Assert.Equal(ExitCodes.Rejected, bad.ExitCode);
        Assert.Contains("size", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusOfOneHost_SaysWhenThereAreNoCountersYet()
    {
        var table = Ok("status", "--host", "h1");

        Assert.Contains("h1", table, StringComparison.Ordinal);
        Assert.Contains("No counters: the agent has not reported any yet.", table, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, _controller.Hnv("status", "--host", "nope").ExitCode);
    }

    private string Ok(params string[] args)
    {
        var result = _controller.Hnv(args);
        Assert.True(result.ExitCode == 0, $"hnv {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }

    private JsonElement Json(params string[] args) => JsonDocument.Parse(Ok([.. args, "-o", "json"])).RootElement.Clone();
}
