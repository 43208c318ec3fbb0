using System.Text.Json;

namespace Hnv.Cli.Tests.Management;

/// <summary>The management verbs against the real controller: what they store, what they show, and their exit codes.</summary>
[Trait("tier", "service")]
public sealed class ManagementVerbTests : IDisposable
{
    private const string Mac = "02:00:00:00:00:10";
    private readonly ControllerProcess _controller = new();

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Verbs_BuildATenantNetwork_AndTheControllerDerivesTheRecords()
    {
        Ok("routing-domain", "add", "blue");
        Ok("subnet", "add", "5001", "-r", "blue", "--prefix", "10.0.0.0/24", "--prefix", "fd00:b::/64", "--name", "web");
        Ok("host", "add", "h1", "--description", "rack 4");
        Ok("provider-address", "add", "--host", "h1", "--pa", "192.0.2.1/24");
        Ok("nic", "add", "n1", "--host", "h1", "--subnet", "5001", "--mac", Mac, "--address", "10.0.0.10", "--address", "fd00:b::10");

        var records = Json("lookup-record", "list", "-r", "blue");
        Assert.Equal(2, records.GetArrayLength());
        Assert.All(records.EnumerateArray(), r =>
        {
            Assert.Equal("192.0.2.1", r.GetProperty("pa").GetString());
            Assert.Equal(Mac, r.GetProperty("mac").GetString());
            Assert.Equal("nic:n1", r.GetProperty("source").GetString());
        });

        var table = Ok("subnet", "list");
        Assert.Matches(@"VSID\s+NAME\s+RDID\s+PREFIXES\s+ROUTERS", table);
        Assert.Matches(@"5001\s+web\s+[0-9a-f-]{36}\s+10\.0\.0\.0/24,fd00:b::/64", table);

        // set changes what was given and keeps the rest; show shows it.
        Ok("nic", "set", "n1", "--address", "10.0.0.20");
        var nic = Json("nic", "show", "n1");
        Assert.Equal(["10.0.0.20"], nic.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("h1", nic.GetProperty("host").GetString());

        Ok("nic", "remove", "n1");
        Assert.Equal(0, Json("lookup-record", "list").GetArrayLength());
        Assert.Contains("h1", Ok("status"), StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_AddListSetRemove()
    {
        Ok("routing-domain", "add", "blue");
        Ok("subnet", "add", "5001", "-r", "blue", "--prefix", "10.0.0.0/24");
        Ok("host", "add", "h1");
        Ok("provider-address", "add", "--host", "h1", "--pa", "192.0.2.1/24");

        Ok("customer-route", "add", "-r", "blue", "--subnet", "5001", "--destination", "10.9.0.0/16");
        Ok("customer-route", "set", "-r", "blue", "--subnet", "5001", "--destination", "10.9.0.0/16", "--metric", "50");
        var route = Assert.Single(Json("customer-route", "list", "-r", "blue").EnumerateArray());
        Assert.Equal(50, route.GetProperty("metric").GetInt32());
        Ok("customer-route", "remove", "-r", "blue", "--subnet", "5001", "--destination", "10.9.0.0/16");
        Assert.Equal(0, Json("customer-route", "list").GetArrayLength());

        Ok("provider-route", "add", "--host", "h1", "--destination", "198.51.100.0/24", "--next-hop", "192.0.2.254");
        Assert.Equal("192.0.2.254", Assert.Single(Json("provider-route", "list", "--host", "h1").EnumerateArray()).GetProperty("nextHop").GetString());
        Ok("provider-route", "remove", "--host", "h1", "--destination", "198.51.100.0/24");
        Assert.Equal(0, Json("provider-route", "list").GetArrayLength());
    }

    [Fact]
    public void Invalid_ExitsRejected_NamingTheField_AndStoresNothing()
    {
        Ok("routing-domain", "add", "blue");
        var bad = _controller.Hnv("subnet", "add", "17", "-r", "blue", "--prefix", "10.0.0.0/33");
        Assert.Equal(ExitCodes.Rejected, bad.ExitCode);
        Assert.Contains("vsid", bad.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("prefixes", bad.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Json("subnet", "list").GetArrayLength());
    }

    [Fact]
    public void Conflict_ExitsRejected()
    {
        Ok("routing-domain", "add", "blue", "--rdid", "11111111-1111-1111-1111-111111111111");
        var again = _controller.Hnv("routing-domain", "add", "blue2", "--rdid", "11111111-1111-1111-1111-111111111111");
        Assert.Equal(ExitCodes.Rejected, again.ExitCode);
        Assert.Single(Json("routing-domain", "list").EnumerateArray());
    }

    [Fact]
    public void Unknown_ExitsNotFound()
    {
        Assert.Equal(ExitCodes.NotFound, _controller.Hnv("subnet", "show", "5001").ExitCode);
        var domain = _controller.Hnv("subnet", "list", "-r", "nosuchdomain");
        Assert.Equal(ExitCodes.NotFound, domain.ExitCode);
        Assert.Contains("routing-domain list", domain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_NoneIsRefused_ReadCannotWrite_RemovedStopsWorking()
    {
        Assert.Equal(ExitCodes.NotAllowed, CliRunner.Run("routing-domain", "list", "--controller", _controller.Address).ExitCode);

        var reader = _controller.File("reader.token");
        Ok("token", "add", "monitoring", "--role", "read", "--secret-file", reader);
        var asReader = new[] { "--controller", _controller.Address, "--token-file", reader };
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["routing-domain", "list", .. asReader]).ExitCode);
        var write = CliRunner.Run(["routing-domain", "add", "blue", .. asReader]);
        Assert.Equal(ExitCodes.NotAllowed, write.ExitCode);

        Assert.DoesNotContain(File.ReadAllText(reader).Trim(), Ok("token", "list"), StringComparison.Ordinal);
        Ok("token", "remove", "monitoring");
        Assert.Equal(ExitCodes.NotAllowed, CliRunner.Run(["routing-domain", "list", .. asReader]).ExitCode);
    }

    [Fact]
    public void Unreachable_ExitsUnreachable_SayingWhere()
    {
        var result = CliRunner.Run("status", "--controller", "unix:" + _controller.File("absent.sock"), "--token", "x");
        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("absent.sock", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpToAnotherMachine_WithAToken_Warns()
    {
        var remote = CliRunner.Run("status", "--controller", "http://192.0.2.1:1", "--token", "x");
        var local = CliRunner.Run("status", "--controller", "http://127.0.0.1:1", "--token", "x");

        Assert.Contains("warning: http://192.0.2.1:1/ is plain http on another machine", remote.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", local.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unreachable, local.ExitCode);
    }

    private string Ok(params string[] args)
    {
        var result = _controller.Hnv(args);
        Assert.True(result.ExitCode == 0, $"hnv {string.Join(' ', args)}: exit {result.ExitCode}\n{result.Error}");
        return result.Output;
    }

    private JsonElement Json(params string[] args) => JsonDocument.Parse(Ok([.. args, "-o", "json"])).RootElement.Clone();
}
