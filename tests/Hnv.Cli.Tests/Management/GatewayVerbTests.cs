using System.Text.Json;

namespace Hnv.Cli.Tests.Management;

/// <summary>`hnv gateway` against the real controller: a gateway with its node and PA, its domains and forwards, failover order, and errors.</summary>
[Trait("tier", "service")]
public sealed class GatewayVerbTests : IDisposable
{
    private readonly ControllerProcess _controller = new();

    public GatewayVerbTests()
    {
        Ok("routing-domain", "add", "blue");
        Ok("subnet", "add", "5001", "-r", "blue", "--prefix", "10.0.0.0/24");
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Verbs_AddAGatewayItsDomainAndAForward_TheControllerDerivesTheRecord()
    {
        Ok("gateway", "add", "gw1", "--pa", "192.0.2.100/24", "--priority", "10", "--description", "rack 9");
        Ok("gateway", "domain", "add", "gw1", "--routing-domain", "blue", "--external-address", "203.0.113.100");
        Ok("gateway", "forward", "add", "gw1", "--routing-domain", "blue", "--protocol", "tcp", "--port", "8080", "--to", "10.0.0.11", "--to-port", "80");

        var record = Assert.Single(Json("lookup-record", "list", "-r", "blue").EnumerateArray());
        Assert.Equal(("0.0.0.0", "192.0.2.100", "gateway:gw1"), (record.GetProperty("ca").GetString(), record.GetProperty("pa").GetString(), record.GetProperty("source").GetString()));
        Assert.Equal("gateway", Json("host", "show", "gw1").GetProperty("description").GetString()); // its node, registered with it
        Assert.Equal("192.0.2.100", Assert.Single(Json("provider-address", "list", "--host", "gw1").EnumerateArray()).GetProperty("pa").GetString());

        // Tables name routing domains; JSON keeps the API's RDIDs.
        Assert.Matches(@"gw1\s+10\s+192\.0\.2\.100\s+no\s+blue \(nat, active\)\s+rack 9", Ok("gateway", "list"));
        Assert.Matches(@"gw1\s+blue\s+nat\s+203\.0\.113\.100\s+tcp 8080->10\.0\.0\.11:80\s+yes", Ok("gateway", "domain", "list", "gw1"));
        Assert.Matches(@"blue\s+tcp\s+8080\s+10\.0\.0\.11:80", Ok("gateway", "forward", "list", "gw1"));
        var domain = Json("gateway", "domain", "show", "gw1", "--routing-domain", "blue");
        Assert.Matches("^[0-9a-f-]{36}$", domain.GetProperty("routingDomain").GetString()!);

        Ok("gateway", "domain", "set", "gw1", "--routing-domain", "blue", "--external-address", "203.0.113.7");
        domain = Json("gateway", "domain", "show", "gw1", "--routing-domain", "blue");
        Assert.Equal(["203.0.113.7"], domain.GetProperty("externalAddresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(8080, domain.GetProperty("forwards")[0].GetProperty("port").GetInt32()); // set keeps the forwards

        Ok("gateway", "forward", "remove", "gw1", "--routing-domain", "blue", "--protocol", "tcp", "--port", "8080");
        Assert.Equal(0, Json("gateway", "forward", "list", "gw1").GetArrayLength());
        Ok("gateway", "remove", "gw1");
        Assert.Equal(0, Json("lookup-record", "list").GetArrayLength());
    }

    [Fact]
    public void TwoGateways_TheHigherPriorityIsActive_SetMovesIt()
    {
        Ok("gateway", "add", "gw1", "--pa", "192.0.2.100/24");
        Ok("gateway", "add", "gw2", "--pa", "192.0.2.101/24", "--priority", "5");
        Ok("gateway", "domain", "add", "gw1", "--routing-domain", "blue", "--external-address", "203.0.113.100");
        Ok("gateway", "domain", "add", "gw2", "--routing-domain", "blue", "--external-address", "203.0.113.101");
        Assert.Equal("192.0.2.101", Json("lookup-record", "show", "5001", "0.0.0.0").GetProperty("pa").GetString());

        Ok("gateway", "set", "gw1", "--priority", "9");

        Assert.Equal("192.0.2.100", Json("lookup-record", "show", "5001", "0.0.0.0").GetProperty("pa").GetString());
        Assert.Matches(@"gw2\s+blue\s+nat\s+203\.0\.113\.101\s+-\s+no \(standby\)", Ok("gateway", "domain", "list", "gw2"));
    }

    [Fact]
    public void BadInput_ExitsRejectedNamingTheField_UnknownExitsNotFound()
    {
        Ok("gateway", "add", "gw1", "--pa", "192.0.2.100/24");

        var nat = _controller.Hnv("gateway", "domain", "add", "gw1", "--routing-domain", "blue");
        Assert.Equal(ExitCodes.Rejected, nat.ExitCode);
        Assert.Contains("externalAddresses", nat.Error, StringComparison.Ordinal);
        var unknown = _controller.Hnv("gateway", "show", "gw9");
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
        var domain = _controller.Hnv("gateway", "domain", "add", "gw1", "--routing-domain", "purple", "--external-address", "203.0.113.100");
        Assert.Equal(ExitCodes.NotFound, domain.ExitCode);
        Assert.Contains("purple", domain.Error, StringComparison.Ordinal);
        var mode = _controller.Hnv("gateway", "domain", "add", "gw1", "--routing-domain", "blue", "--mode", "masquerade");
        Assert.Equal(ExitCodes.Usage, mode.ExitCode);
        Assert.Equal(0, Json("gateway", "domain", "list", "gw1").GetArrayLength());
    }

    private string Ok(params string[] args)
    {
        var result = _controller.Hnv(args);
        Assert.True(result.ExitCode == 0, $"hnv {string.Join(' ', args)}: exit {result.ExitCode}\n{result.Error}");
        return result.Output;
    }

    private JsonElement Json(params string[] args) => JsonDocument.Parse(Ok([.. args, "-o", "json"])).RootElement.Clone();
}
