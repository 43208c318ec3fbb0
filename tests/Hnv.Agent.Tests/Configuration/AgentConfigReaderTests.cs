using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;

namespace Hnv.Agent.Tests.Configuration;

[Trait("tier", "pure")]
public sealed class AgentConfigReaderTests : IDisposable
{
    private const string Good = """
        { "host": "host1",
          "underlay": { "interface": "eth0", "mtu": 1500, "providerAddresses": ["192.0.2.1", "2001:db8::1"] },
          "policyFile": "/run/hnv/policy.json", "apiSocket": "/run/hnv/host1.sock",
          "ports": [ { "name": "b1", "namespace": "demo-b1", "mac": "02:00:00:00:00:01", "vsid": 5001, "addresses": ["10.0.0.10", "fd00:b::10"] } ] }
        """;

    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Read_GoodFile_GivesTypedSettingsWithDefaults()
    {
        File.WriteAllText(_file, Good);

        var settings = AgentConfigReader.Read(_file);

        Assert.Equal("host1", settings.Host);
        Assert.Equal("192.0.2.1", settings.Underlay.ProviderAddressV4.ToString());
        Assert.Equal("2001:db8::1", settings.Underlay.ProviderAddressV6.ToString());
        var port = Assert.Single(settings.Ports);
        Assert.Equal("eth0", port.InterfaceName); // default
        Assert.Equal(5001u, port.Vsid.Value);
        Assert.Equal(2, port.Addresses.Length);
        Assert.Null(settings.Metrics); // no metrics listener unless asked
        File.WriteAllText(_file, Good.Replace("\"apiSocket\"", "\"metrics\": \"127.0.0.1:9464\", \"apiSocket\"", StringComparison.Ordinal));
        Assert.Equal(9464, AgentConfigReader.Read(_file).Metrics!.Port);
    }

    [Theory]
    [InlineData("\"host\": \"host1\"", "\"host\": \"\"", "host")]
    [InlineData("\"mtu\": 1500", "\"mtu\": 900", "underlay.mtu")]
    [InlineData("\"192.0.2.1\", \"2001:db8::1\"", "\"192.0.2.1\", \"192.0.2.2\"", "underlay.providerAddresses[1]")]  // two IPv4 PAs
    [InlineData("\"192.0.2.1\", \"2001:db8::1\"", "\"192.0.2\"", "underlay.providerAddresses[0]")]
    [InlineData("\"mac\": \"02:00:00:00:00:01\"", "\"mac\": \"01:00:5e:00:00:01\"", "ports[0].mac")]             // multicast
    [InlineData("\"vsid\": 5001", "\"vsid\": 4095", "ports[0].vsid")]                                            // RFC 7637 reserved
    [InlineData("\"name\": \"b1\"", "\"name\": \"a-name-too-long-for-linux\"", "ports[0].name")]
    [InlineData("\"10.0.0.10\", \"fd00:b::10\"", "\"10.0.0.10/24\"", "ports[0].addresses[0]")]
    [InlineData("\"apiSocket\": \"/run/hnv/host1.sock\"", "\"apiSocket\": \"/run/hnv/host1.sock\", \"metrics\": \"9464\"", "metrics")]             // no address
    [InlineData("\"apiSocket\": \"/run/hnv/host1.sock\"", "\"apiSocket\": \"/run/hnv/host1.sock\", \"metrics\": \"127.0.0.1:99999\"", "metrics")]
    public void Read_BadField_NamesIt(string from, string to, string field)
    {
        File.WriteAllText(_file, Good.Replace(from, to, StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == field);
    }

    [Fact]
    public void Read_ExistingInterfaceInsteadOfNamespace_IsAnAfPacketPort()
    {
        File.WriteAllText(_file, Good.Replace("\"namespace\": \"demo-b1\"", "\"existingInterface\": \"vnet7\"", StringComparison.Ordinal));

        var port = Assert.Single(AgentConfigReader.Read(_file).Ports);

        Assert.Equal("vnet7", port.ExistingInterface);
    }

    [Fact]
    public void Read_NeitherNamespaceNorExistingInterface_NamesTheNamespace()
    {
        File.WriteAllText(_file, Good.Replace("\"namespace\": \"demo-b1\", ", "", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Equal("ports[0].namespace", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        File.WriteAllText(_file, Good.Replace("\"host1\"", "\"\"", StringComparison.Ordinal).Replace("5001", "1", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Equal(["host", "ports[0].vsid"], e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"host\": \"h\", \"unknownField\": 1 }")]
    public void Read_MalformedOrUnknownJson_IsAClearProblem(string text)
    {
        File.WriteAllText(_file, text);

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains("not valid configuration JSON", e.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file + ".missing"));

        Assert.Contains("cannot be read", e.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Controller_IsThePolicySource_WithDefaults()
    {
        File.WriteAllText(_file, Good.Replace("\"policyFile\": \"/run/hnv/policy.json\"",
            "\"controller\": { \"address\": \"unix:/run/hnv/controller.sock\", \"tokenFile\": \"/etc/hnv/agent.token\" }", StringComparison.Ordinal));

        var settings = AgentConfigReader.Read(_file);

        Assert.Null(settings.PolicyFile);
        var controller = Assert.IsType<ControllerSourceSettings>(settings.Controller);
        Assert.Equal("/run/hnv/controller.sock", Assert.Single(controller.Addresses).SocketPath);
        Assert.Equal("/etc/hnv/agent.token", controller.TokenFile);
        Assert.Equal("/var/lib/hnv/host1.policy.json", controller.CacheFile);
        Assert.Equal(TimeSpan.FromSeconds(15), controller.Silence);
    }

    [Fact]
    public void Read_ControllerReplicas_AreTriedInTheirOrder()
    {
        File.WriteAllText(_file, Good.Replace("\"policyFile\": \"/run/hnv/policy.json\"",
            "\"controller\": { \"addresses\": [\"https://c1:8471\", \"https://c2:8471\"], \"tokenFile\": \"/etc/hnv/agent.token\" }", StringComparison.Ordinal));

        var controller = Assert.IsType<ControllerSourceSettings>(AgentConfigReader.Read(_file).Controller);

        Assert.Equal(["https://c1:8471/", "https://c2:8471/"], controller.Addresses.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"apiSocket2\": 1", "policyFile")]                                 // no source at all (and an unknown field)
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"policyFile\": \"/p.json\", \"controller\": { \"address\": \"http://c:1\", \"tokenFile\": \"/t\" }", "policyFile")] // both
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"address\": \"ctl:1\", \"tokenFile\": \"/t\" }", "controller.address")]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"address\": \"http://c:1\" }", "controller.tokenFile")]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"address\": \"http://c:1\", \"tokenFile\": \"/t\", \"silenceSeconds\": 0 }", "controller.silenceSeconds")]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"address\": \"https://c:1\", \"tokenFile\": \"/t\", \"caFile\": \"/no/such/ca.pem\" }", "controller.caFile")]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"addresses\": [\"http://c:1\", \"ctl:2\"], \"tokenFile\": \"/t\" }", "controller.addresses[1]")]
    [InlineData("\"policyFile\": \"/run/hnv/policy.json\"", "\"controller\": { \"address\": \"http://c:1\", \"addresses\": [\"http://c:2\"], \"tokenFile\": \"/t\" }", "controller.address")]
    public void Read_BadPolicySource_NamesIt(string from, string to, string field)
    {
        File.WriteAllText(_file, Good.Replace(from, to, StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == field || p.Message.Contains("not valid configuration JSON", StringComparison.Ordinal));
    }
}
