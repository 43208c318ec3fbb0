using Hnv.Client.Agent;
using Hnv.Client.Gateway;
using Hnv.Gateway.Configuration;
using Hnv.NodeRuntime.Configuration;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Tests.Configuration;

/// <summary>The gateway's configuration: what it accepts, and every bad field named with a reason.</summary>
[Trait("tier", "pure")]
public sealed class GatewayConfigReaderTests
{
    private const string Blue = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Green = "bbbbbbbb-0000-0000-0000-000000000002";

    private static GatewayConfig Valid() => new()
    {
        Name = "gw1",
        Underlay = new UnderlayConfig { Interface = "eth0", ProviderAddresses = ["192.0.2.100"] },
        PolicyFile = "/etc/hnv/policy.json",
        External = new ExternalConfig { Interface = "ext0", Router = "203.0.113.1" },
        Domains =
        [
            new GatewayDomainConfig
            {
                RoutingDomain = Blue,
                ExternalAddresses = ["203.0.113.100"],
                Forwards = [new PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.11", ToPort = 80 }],
            },
            new GatewayDomainConfig { RoutingDomain = Green, Mode = "forward" },
        ],
    };

    private static List<ConfigProblem> Problems(GatewayConfig config)
    {
        var problems = new List<ConfigProblem>();
        GatewayConfigReader.Validate(config, problems);
        return problems;
    }

    [Fact]
    public void Validate_GoodConfiguration_GivesItsSettings()
    {
        var problems = new List<ConfigProblem>();
        var settings = GatewayConfigReader.Validate(Valid(), problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal("gw1-", settings.ContextPrefix);
        Assert.Equal(IpAddress.Parse("203.0.113.1"), settings.ExternalRouter);
        Assert.Equal(GatewayMode.Nat, settings.Domains[0].Mode);
        Assert.Equal(new PortForward("tcp", 8080, IpAddress.Parse("10.0.0.11"), 80), Assert.Single(settings.Domains[0].Forwards));
        Assert.Equal(GatewayMode.Forward, settings.Domains[1].Mode);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "external.interface", "external interface missing" },
        { "external.router", "router not IPv4" },
        { "contextPrefix", "prefix with a slash" },
        { "domains[0].routingDomain", "RDID not a GUID" },
        { "domains[1].routingDomain", "domain twice" },
        { "domains[0].mode", "unknown mode" },
        { "domains[0].externalAddresses", "nat without addresses" },
        { "domains[0].externalAddresses[0]", "broadcast address" },
        { "domains[1].mode", "forward with forwards" },
        { "domains[0].forwards[0].protocol", "icmp forward" },
        { "domains[0].forwards[0].port", "port 0" },
        { "domains[0].forwards[0].to", "IPv6 target" },
        { "domains[0].forwards[1]", "the same port twice" },
        { "external.interface", "the underlay's interface" },
        { "external.interface", "a name nft would misread" },
        { "external.interface", "a name of the gateway's own links" },
        { "domains[0].externalAddresses", "null addresses" },
        { "domains", "domains with a controller" }, // the controller says what a gateway serves
        { "metrics", "metrics not IP:PORT" },
        { "metrics", "metrics without a port" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadField_IsNamedWithAReason(string field, string what)
    {
        var config = Valid();
        var blue = config.Domains[0];
        switch (what)
        {
            case "external interface missing": config.External!.Interface = null; break;
            case "router not IPv4": config.External!.Router = "2001:db8::1"; break;
            case "prefix with a slash": config.ContextPrefix = "gw/1-"; break;
            case "RDID not a GUID": blue.RoutingDomain = "blue"; break;
            case "domain twice": config.Domains[1].RoutingDomain = Blue; config.Domains[1].Mode = "nat"; config.Domains[1].ExternalAddresses = ["203.0.113.101"]; break;
            case "unknown mode": blue.Mode = "masquerade"; break;
            case "nat without addresses": blue.ExternalAddresses = []; blue.Forwards = []; break;
            case "broadcast address": blue.ExternalAddresses = ["255.255.255.255"]; break;
            case "forward with forwards": config.Domains[1].Forwards = [new PortForwardConfig { Protocol = "tcp", Port = 22, To = "10.9.0.10" }]; break;
            case "icmp forward": blue.Forwards[0].Protocol = "icmp"; break;
            case "port 0": blue.Forwards[0].Port = 0; break;
            case "IPv6 target": blue.Forwards[0].To = "fd00::11"; break;
            case "the same port twice": blue.Forwards.Add(new PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.12" }); break;
            case "the underlay's interface": config.External!.Interface = "eth0"; break;
            case "a name nft would misread": config.External!.Interface = "ext0\" accept"; break;
            case "a name of the gateway's own links": config.External!.Interface = "hx9"; break;
            case "null addresses": blue.ExternalAddresses = null!; blue.Forwards = null!; break;
            case "metrics not IP:PORT": config.Metrics = "localhost:9464"; break;
            case "metrics without a port": config.Metrics = "127.0.0.1"; break;
            case "domains with a controller": config.PolicyFile = null; config.Controller = new ControllerConfig { Address = "http://127.0.0.1:8470", TokenFile = "/etc/hnv/gw1.token" }; break;
        }

        var problems = Problems(config);

        var problem = Assert.Single(problems, p => p.Field == field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message), what);
    }

    [Fact]
    public void Validate_Bgp_DefaultsRouterIdToThePaAndDirectoryToRun()
    {
        var config = Valid();
        config.Bgp = new BgpConfig { Asn = 65001, Neighbors = [new BgpNeighborConfig { Address = "203.0.113.1", Asn = 65000 }] };
        var problems = new List<ConfigProblem>();

        var bgp = GatewayConfigReader.Validate(config, problems)?.Bgp;

        Assert.Empty(problems);
        Assert.NotNull(bgp);
        Assert.Equal(65001u, bgp.Asn);
        Assert.Equal(IpAddress.Parse("192.0.2.100"), bgp.RouterId);
        Assert.Equal("/run/hnv/gw1/frr", bgp.Directory);
        Assert.Equal(new BgpNeighbor(IpAddress.Parse("203.0.113.1"), 65000), Assert.Single(bgp.Neighbors));
    }

    [Theory]
    [InlineData("bgp.asn", 0L, "203.0.113.1", 65000L)]
    [InlineData("bgp.asn", 4294967295L, "203.0.113.1", 65000L)]
    [InlineData("bgp.neighbors[0].address", 65001L, "2001:db8::1", 65000L)]
    [InlineData("bgp.neighbors[0].asn", 65001L, "203.0.113.1", 0L)]
    public void Validate_BadBgp_IsNamed(string field, long asn, string neighbor, long neighborAsn)
    {
        var config = Valid();
        config.Bgp = new BgpConfig { Asn = asn, Neighbors = [new BgpNeighborConfig { Address = neighbor, Asn = neighborAsn }] };

        Assert.Contains(Problems(config), p => p.Field == field);
    }

    [Fact]
    public void Validate_NullDomains_IsAGatewayWithoutDomainsNotACrash()
    {
        var config = Valid();
        config.Domains = null!;

        var problems = new List<ConfigProblem>();
        var settings = GatewayConfigReader.Validate(config, problems);

        Assert.Empty(problems);
        Assert.Empty(settings!.Domains);
    }

    [Fact]
    public void Validate_BothPolicySources_IsRefused()
    {
        var config = Valid();
        config.Controller = new ControllerConfig { Address = "unix:/run/hnv/controller.sock", TokenFile = "/etc/hnv/gw1.token" };

        Assert.Contains(Problems(config), p => p.Field == "policyFile");
    }

    [Fact]
    public void Read_UnknownField_IsAnError()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "name": "gw1", "externals": {} }""");

            var e = Assert.Throws<ConfigException>(() => GatewayConfigReader.Read(file));

            Assert.Contains("externals", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
