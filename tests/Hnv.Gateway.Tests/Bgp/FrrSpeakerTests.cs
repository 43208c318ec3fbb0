using Hnv.Gateway.Bgp;
using Hnv.Gateway.Configuration;
using Hnv.Gateway.Contexts;
using Hnv.Gateway.Tests.Contexts;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Tests.Bgp;

/// <summary>The gateway's bgpd, run for real (FRR): what it is configured to announce follows, and bad settings are refused by FRR's own check.</summary>
[Trait("tier", "system")]
public sealed class FrrSpeakerTests : IDisposable
{
    private readonly ScratchNamespaces _spaces = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-frr-").FullName;

    public void Dispose()
    {
        _spaces.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private BgpSettings Settings(uint asn = 65001) =>
        new(asn, IpAddress.Parse("192.0.2.100"), [new BgpNeighbor(IpAddress.Parse("203.0.113.1"), 65000)], _folder);

    private string RunningConfig() => ScratchNamespaces.Run("vtysh", "--vty_socket", _folder, "-c", "show running-config");

    [Fact]
    public void Announce_StartsBgpdThenAppliesChangesToIt()
    {
        using var speaker = new FrrSpeaker(Settings(), "gw-test");

        Assert.True(_spaces.InGateway(() => speaker.Announce(new HashSet<IpPrefix> { IpPrefix.Parse("10.9.0.0/24") })));
        var pid = File.ReadAllText(Path.Combine(_folder, "bgpd.pid")).Trim();
        var first = RunningConfig();
        Assert.Contains("router bgp 65001", first, StringComparison.Ordinal);
        Assert.Contains("neighbor 203.0.113.1 remote-as 65000", first, StringComparison.Ordinal);
        Assert.Contains("network 10.9.0.0/24", first, StringComparison.Ordinal);

        Assert.False(_spaces.InGateway(() => speaker.Announce(new HashSet<IpPrefix> { IpPrefix.Parse("10.9.0.0/24") })));
        Assert.True(_spaces.InGateway(() => speaker.Announce(new HashSet<IpPrefix> { IpPrefix.Parse("10.8.0.0/24"), IpPrefix.Parse("fd00:9::/64") })));

        var second = RunningConfig();
        Assert.Contains("network 10.8.0.0/24", second, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.0.0/24", second, StringComparison.Ordinal);
        Assert.DoesNotContain("fd00:9::", second, StringComparison.Ordinal); // IPv4 only for now
        Assert.Equal(pid, File.ReadAllText(Path.Combine(_folder, "bgpd.pid")).Trim()); // reloaded, not restarted
    }

    [Fact]
    public void Dispose_StopsBgpd()
    {
        var speaker = new FrrSpeaker(Settings(), "gw-test");
        _spaces.InGateway(() => speaker.Announce(new HashSet<IpPrefix>()));

        speaker.Dispose();

        Assert.False(ToolCommandSucceeds("vtysh", "--vty_socket", _folder, "-c", "show running-config"));
    }

    [Fact]
    public void Announce_AConfigurationFrrRefuses_ThrowsAndStartsNothing()
    {
        // AS 0 is not an AS: vtysh's check refuses the rendered configuration before any bgpd sees it.
        using var speaker = new FrrSpeaker(Settings(asn: 0), "gw-test");

        var e = Assert.Throws<ContextException>(() => _spaces.InGateway(() => speaker.Announce(new HashSet<IpPrefix>())));

        Assert.Contains("checking the rendered configuration", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bgpd.vty")));
    }

    private static bool ToolCommandSucceeds(params string[] command) =>
        Linux.Links.ToolCommand.TryRun(command[0], command[1..], out _, out _);
}
