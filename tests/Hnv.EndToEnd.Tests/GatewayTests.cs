using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// The gateway end to end (issue 14): real VMs (namespaces behind real agents) reach the outside through hnv-gateway's
/// kernel routing contexts; the outside reaches them only where policy says (a port forward, a forward domain).
/// </summary>
[Collection(GatewayLab.Name)]
[Trait("tier", "end-to-end")]
public sealed partial class GatewayTests(GatewayLabFixture lab)
{
    [Fact]
    public void TwoTenantsWithTheSameCa_ResolveAtOnce_EachGetsItsAnswerAndConntrackTellsThemApart()
    {
        // b1 (blue) and r1 (red) are both 10.0.0.10: both ask at the same time, over UDP.
        using var blue = lab.Start("b1", "dig", "+time=3", "+tries=2", "+short", "@203.0.113.53", "www.example");
        using var red = lab.Start("r1", "dig", "+time=3", "+tries=2", "+short", "@203.0.113.53", "www.example");
        Assert.True(blue.WaitForExit(TimeSpan.FromSeconds(15)) && red.WaitForExit(TimeSpan.FromSeconds(15)), "dig did not finish");
        Assert.Equal("203.0.113.80", blue.StandardOutput.ReadToEnd().Trim());
        Assert.Equal("203.0.113.80", red.StandardOutput.ReadToEnd().Trim());

        // The gateway's conntrack holds both, from two different transit addresses, both leaving from 203.0.113.100.
        var flows = lab.Gateway("conntrack", "-L", "-p", "udp", "--dport", "53");
        Assert.Contains($"src={lab.ContextTransit("blue")} dst=203.0.113.53", flows.Output, StringComparison.Ordinal);
        Assert.Contains($"src={lab.ContextTransit("red")} dst=203.0.113.53", flows.Output, StringComparison.Ordinal);
        Assert.NotEqual(lab.ContextTransit("blue"), lab.ContextTransit("red"));
        Assert.Contains("dst=203.0.113.100", flows.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoTenants_FetchAPageByName()
    {
        foreach (var vm in new[] { "b1", "r1" })
        {
            var page = lab.Exec(vm, "curl", "-s", "-m", "5", "http://www.example/");
            Assert.True(page.ExitCode == 0, $"{vm}: {page}");
            Assert.Equal(Lab.Topology.LabOutside.Page, page.Output);
        }
    }

    [Fact]
    public void LargeDownload_ThroughNat_ArrivesWhole()
    {
        // 4 MiB over TCP from the outside into a VM: TCP segments of the context's MTU, offloads on the TAP, checksums.
        var data = RandomNumberGenerator.GetBytes(4 << 20);
        File.WriteAllBytes(Path.Combine(lab.WebFolder, "large.bin"), data);
        var download = lab.Exec("b1", "sh", "-c", "curl -s -m 20 http://203.0.113.80/large.bin | sha256sum");
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(data)), download.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UdpToAClosedPortOutside_VmGetsPortUnreachableBackThroughBothTranslations()
    {
        // Nothing answers DNS on the web server: its kernel's ICMP error must find b1 through both NATs (dig then says
        // "connection refused" at once, instead of waiting out its timeout).
        var dig = lab.Exec("b1", "dig", "+time=5", "+tries=1", "@203.0.113.80", "www.example");
        Assert.Contains("connection refused", dig.Output + dig.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PortForward_OutsideReachesTheVmsService_SeeingTheClientsAddress()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-e2e-web-").FullName;
        File.WriteAllText(Path.Combine(folder, "marker"), "served by b2\n");
        using var server = lab.Start("b2", "python3", "-m", "http.server", "80", "--bind", "10.0.0.11", "--directory", folder);
        try
        {
            ToolResult fetched = new(-1, "", "");
            for (var i = 0; i < 50 && fetched.ExitCode != 0; i++)
            {
                Thread.Sleep(100); // the server needs a moment to listen
                fetched = lab.Outside("curl", "-s", "-m", "3", "http://203.0.113.100:8080/marker");
            }

            Assert.True(fetched.ExitCode == 0, fetched.ToString());
            Assert.Equal("served by b2\n", fetched.Output);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
            Directory.Delete(folder, recursive: true);
        }

        // Destination NAT only: the VM saw the outside router's own address as the client.
        Assert.Contains("203.0.113.1 - -", server.StandardError.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void NatDomain_IsNotReachableFromOutsideEvenRoutedAtTheGateway_ExceptThroughItsForwards()
    {
        // An outside host that routes the tenant's private range at the gateway still does not reach a VM: the gateway
        // has no route to a nat domain, and forwards nothing from outside that is not a reply, a forward or a forward domain.
        var before = GatewayDrops("not a context's traffic with the outside");
        PingFromOutsideRoutedAtTheGateway("10.0.0.0/24", "10.0.0.10");

        Assert.True(GatewayDrops("not a context's traffic with the outside") >= before + 2, "the gateway's filter did not count the probes");
        Assert.NotEqual(0, lab.Outside("curl", "-s", "-m", "2", "http://203.0.113.100:8081/").ExitCode);
    }

    [Fact]
    public void GatewayFilter_TheOutsideNeverReachesTheUnderlay()
    {
        var before = GatewayDrops("not a context's traffic with the outside");
        PingFromOutsideRoutedAtTheGateway("192.0.2.0/24", "192.0.2.1");

        Assert.True(GatewayDrops("not a context's traffic with the outside") >= before + 2, "the probes toward host1's PA were not dropped by the gateway");
    }

    [Fact]
    public void GatewayFilter_AVmNeverReachesTheGatewaysOwnAddresses()
    {
        var before = GatewayDrops("a context at the gateway's own addresses");

        Assert.NotEqual(0, lab.Exec("b1", "ping", "-c", "2", "-i", "0.2", "-W", "1", "203.0.113.2").ExitCode);

        Assert.True(GatewayDrops("a context at the gateway's own addresses") >= before + 2, "the probes at the gateway's own address were not dropped");
    }

    /// <summary>An outside host routes <paramref name="prefix"/> at the gateway and pings <paramref name="target"/>, which must not answer.</summary>
    private void PingFromOutsideRoutedAtTheGateway(string prefix, string target)
    {
        lab.Outside("ip", "route", "replace", prefix, "via", "203.0.113.2");
        try
        {
            Assert.NotEqual(0, lab.Outside("ping", "-c", "2", "-i", "0.2", "-W", "1", target).ExitCode);
        }
        finally
        {
            lab.Outside("ip", "route", "del", prefix);
        }
    }

    /// <summary>The packets counted by the gateway's rule with this comment.</summary>
    private long GatewayDrops(string comment)
    {
        var rules = lab.Gateway("nft", "list", "table", "ip", "hnv_gateway").Output;
        var line = rules.Split('\n').Single(l => l.Contains(comment, StringComparison.Ordinal));
        return long.Parse(PacketsCount().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ForwardDomain_IsRoutedBothWaysWithItsOwnAddress()
    {
        var ping = lab.Outside("ping", "-c", "2", "-i", "0.3", "-W", "1", "10.9.0.10");
        Assert.True(ping.ExitCode == 0, ping.ToString());

        var page = lab.Exec("g1", "curl", "-s", "-m", "5", "http://www.example/?from=g1");
        Assert.True(page.ExitCode == 0, page.ToString());

        // No NAT: the web server logged the VM's own CA as the client.
        Assert.Matches(ClientLine(), lab.WebLog);
    }

    [Fact]
    public void Bgp_TheOutsideRouterLearnsTheForwardDomainsPrefix_NeverANatDomains()
    {
        var table = "";
        for (var i = 0; i < 100 && !table.Contains("10.9.0.0/24", StringComparison.Ordinal); i++)
        {
            Thread.Sleep(100); // the session comes up within seconds of the lab
            table = lab.Outside("vtysh", "--vty_socket", Lab.State.LabPaths.For(lab.Name).OutsideFrr, "-c", "show ip bgp").Output;
        }

        Assert.Contains("10.9.0.0/24", table, StringComparison.Ordinal);
        Assert.Contains("65001", table, StringComparison.Ordinal); // learned from gw1's AS
        Assert.DoesNotContain("10.0.0.0/24", table, StringComparison.Ordinal);

        // What the router learned is what it forwards with (zebra installed it).
        Assert.Contains("10.9.0.0/24 nhid", lab.Outside("ip", "route").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallerPathMtuOutside_VmGetsFragmentationNeededThroughBothTranslations()
    {
        // The gateway's own link to the outside is narrowed to 1400: the kernel there answers a VM's DF packet that does
        // not fit, and the error finds b1 through both NATs and its agent (never a silent drop).
        var narrowed = lab.Gateway("ip", "link", "set", "ext0", "mtu", "1400");
        Assert.True(narrowed.ExitCode == 0, narrowed.ToString());
        try
        {
            var tooBig = lab.Exec("b1", "ping", "-M", "do", "-s", "1420", "-c", "3", "-i", "0.3", "-W", "1", "203.0.113.80");
            Assert.Matches(MtuLine(), tooBig.Output + tooBig.Error);

            var fits = lab.Exec("b1", "ping", "-M", "do", "-s", "1372", "-c", "2", "-i", "0.3", "-W", "1", "203.0.113.80");
            Assert.True(fits.ExitCode == 0, fits.ToString());
        }
        finally
        {
            lab.Gateway("ip", "link", "set", "ext0", "mtu", "1500");
        }
    }

    [Fact]
    public void CaptureOnOneTenantsVm_SeesNothingOfTheOtherTenantsTrafficOutside()
    {
        // r1 (red) holds the same CA as b1 (blue); while b1 talks to the outside, r1's NIC receives no IPv4 at all.
        using var capture = lab.Start("r1", "tshark", "-n", "-i", "eth0", "-f", "ip", "-a", "duration:4", "-T", "fields", "-e", "ip.src", "-e", "ip.dst");
        Tool.WaitForCapture(capture);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, lab.Exec("b1", "dig", "+short", "+time=2", "@203.0.113.53", "www.example").ExitCode);
            Assert.Equal(0, lab.Exec("b1", "curl", "-s", "-m", "3", "-o", "/dev/null", "http://203.0.113.80/").ExitCode);
        }

        Assert.True(capture.WaitForExit(TimeSpan.FromSeconds(20)), "tshark did not stop");
        Assert.Equal("", capture.StandardOutput.ReadToEnd().Trim());
    }

    [Fact]
    public void GatewayApi_NatListsEachTenantsConnectionsWithItsCas_CountersShowTheTraffic()
    {
        Assert.Equal(0, lab.Exec("b1", "dig", "+short", "+time=2", "@203.0.113.53", "www.example").ExitCode);
        Assert.Equal(0, lab.Exec("r1", "dig", "+short", "+time=2", "@203.0.113.53", "www.example").ExitCode);

        var nat = lab.GatewayApi("/v1/nat");
        var blue = nat.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "blue");
        var red = nat.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "red");
        Assert.Contains(blue.GetProperty("connections").EnumerateArray(), c => IsDnsFrom(c, "10.0.0.10", lab.ContextTransit("blue")));
        Assert.Contains(red.GetProperty("connections").EnumerateArray(), c => IsDnsFrom(c, "10.0.0.10", lab.ContextTransit("red")));

        var status = lab.GatewayApi("/v1/status");
        Assert.Equal(["10.9.0.0/24"], status.GetProperty("announced").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(status.GetProperty("domains").EnumerateArray(), d => d.GetProperty("name").GetString() == "blue"
            && d.GetProperty("forwards")[0].GetString() == "tcp 8080 -> 10.0.0.11:80" && d.GetProperty("routes")[0].GetString() == "10.0.0.0/24");

        // `hnv lab nat` shows the same as a table: who inside, to whom outside, leaving as which transit address.
        var table = LabFixture.Hnv("lab", "nat", lab.Name, "gw1");
        Assert.True(table.Exit == 0, table.Error);
        Assert.Contains(table.Output.Split('\n'), l => l.StartsWith("red ", StringComparison.Ordinal) && l.Contains("10.0.0.10:", StringComparison.Ordinal)
            && l.Contains("203.0.113.53:53", StringComparison.Ordinal) && l.Contains(lab.ContextTransit("red") + ":", StringComparison.Ordinal));
        var unknown = LabFixture.Hnv("lab", "nat", lab.Name, "gw9");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("has no gateway 'gw9'", unknown.Error, StringComparison.Ordinal);

        // `hnv lab counters` reads the gateway as it reads an agent: its node decapsulated and encapsulated in blue's VSID.
        var (exit, output, error) = LabFixture.Hnv("lab", "counters", lab.Name, "gw1", "--output", "json");
        Assert.True(exit == 0, error);
        using var counters = System.Text.Json.JsonDocument.Parse(output);
        var vsid = counters.RootElement[0].GetProperty("counters").GetProperty("vsids").EnumerateArray().Single(v => v.GetProperty("vsid").GetUInt32() == 5001);
        Assert.True(vsid.GetProperty("decapsulatedPackets").GetInt64() > 0 && vsid.GetProperty("encapsulatedPackets").GetInt64() > 0, vsid.ToString());
    }

    private static bool IsDnsFrom(System.Text.Json.JsonElement connection, string ca, string transit) =>
        connection.GetProperty("protocol").GetString() == "udp"
        && connection.GetProperty("original").GetProperty("source").GetString() == ca
        && connection.GetProperty("original").GetProperty("destinationPort").GetInt32() == 53
        && connection.GetProperty("reply").GetProperty("destination").GetString() == transit;

    [Fact]
    public void LabStatus_ShowsTheGatewayRunningConnectedAndWhatItServes()
    {
        var (exit, output, error) = LabFixture.Hnv("lab", "status", lab.Name);

        Assert.True(exit == 0, error);
        var row = output.Split('\n').Single(l => l.StartsWith("gw1 ", StringComparison.Ordinal));
        Assert.Contains("203.0.113.100", row, StringComparison.Ordinal);
        Assert.Contains("blue (nat), red (nat), green (forward)", row, StringComparison.Ordinal);
        Assert.Contains(" running ", row, StringComparison.Ordinal);
        Assert.Contains(" connected ", row, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"packets (\d+)")]
    private static partial Regex PacketsCount();

    [GeneratedRegex(@"mtu ?= ?1400")]
    private static partial Regex MtuLine();

    [GeneratedRegex(@"^10\.9\.0\.10 - - .*GET /\?from=g1", RegexOptions.Multiline)]
    private static partial Regex ClientLine();
}
