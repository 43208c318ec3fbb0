namespace Hnv.EndToEnd.Tests;

/// <summary>IPv6 PAs in the underlay, carrying IPv4 and IPv6 CAs.</summary>
[Collection(Ipv6Lab.Name)]
[Trait("tier", "end-to-end")]
public sealed class Ipv6UnderlayTests(Ipv6LabFixture lab)
{
    [Theory]
    [InlineData("10.0.0.11")]  // IPv4 CA over IPv6 PAs
    [InlineData("fd00:b::11")] // IPv6 over IPv6
    public void Ping_OverIpv6Pas_ReachesTheVm(string to)
    {
        var ping = lab.Exec("b1", "ping", "-c", "3", "-i", "0.2", "-W", "2", to);

        Assert.True(ping.ExitCode == 0, ping.ToString());
    }

    [Fact]
    public void VmAtMtu1500_GetsFragmentationNeeded1438()
    {
        lab.Exec("b1", "ip", "link", "set", "eth0", "mtu", "1500");
        try
        {
            var ping = lab.Exec("b1", "ping", "-M", "do", "-s", "1472", "-c", "2", "-W", "1", "10.0.0.11");

            Assert.Contains("mtu = 1438", ping.Output + ping.Error, StringComparison.Ordinal);
        }
        finally
        {
            lab.Exec("b1", "ip", "link", "set", "eth0", "mtu", "1438");
        }
    }
}
