namespace Hnv.EndToEnd.Tests;

/// <summary>The running gateway follows what operators change through `hnv gateway`: its rules change, its contexts stay.</summary>
public sealed partial class GatewayTests
{
    [Fact]
    public void HnvGateway_ForwardRemovedAndAddedBack_TheContextsRulesFollow_ItsConnectionsStay()
    {
        var blue = lab.State.Topology.RoutingDomains.Single(d => d.Name == "blue").Rdid;
        var context = $"{lab.State.Topology.Gateways[0].ContextPrefix}{blue}";
        var inode = Inode(context);
        var (exit, listed, error) = lab.Manage("gateway", "list");
        Assert.True(exit == 0, error);
        Assert.Contains(listed.Split('\n'), l => l.StartsWith("gw1 ", StringComparison.Ordinal) && l.Contains("blue (nat, active)", StringComparison.Ordinal));

        var removed = lab.Manage("gateway", "forward", "remove", "gw1", "--routing-domain", "blue", "--protocol", "tcp", "--port", "8080");
        try
        {
            Assert.True(removed.Exit == 0, removed.Error);
            Assert.True(Eventually(() => ContextRules(context) is var rules && rules.Contains("chain prerouting", StringComparison.Ordinal)
                && !rules.Contains("dport 8080", StringComparison.Ordinal)), ContextRules(context)); // the table is there, without the forward
        }
        finally
        {
            var added = lab.Manage("gateway", "forward", "add", "gw1", "--routing-domain", "blue", "--protocol", "tcp", "--port", "8080", "--to", "10.0.0.11", "--to-port", "80");
            Assert.True(added.Exit == 0, added.Error);
        }

        Assert.True(Eventually(() => ContextRules(context).Contains("tcp dport 8080 dnat to 10.0.0.11:80", StringComparison.Ordinal)), ContextRules(context));
        Assert.Equal(inode, Inode(context)); // reloaded in place, not made anew: the domain's tracked connections survive

        var forwards = lab.Manage("gateway", "forward", "list", "gw1", "-o", "json");
        Assert.True(forwards.Exit == 0, forwards.Error);
        Assert.Contains("\"toPort\": 80", forwards.Output, StringComparison.Ordinal);
        var unknown = lab.Manage("gateway", "forward", "remove", "gw1", "--routing-domain", "blue", "--protocol", "udp", "--port", "9");
        Assert.Equal(5, unknown.Exit); // not found
        Assert.Contains("udp port 9", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HnvGatewayNatList_OnTheGatewaysMachine_ShowsEachTenantsTranslations()
    {
        Assert.Equal(0, lab.Exec("r1", "dig", "+short", "+time=2", "@203.0.113.53", "www.example").ExitCode);
        var socket = Lab.State.LabPaths.For(lab.Name).ApiSocket("gw1");

        var (exit, output, error) = LabFixture.Hnv("gateway", "nat", "list", "gw1", "--socket", socket, "--routing-domain", "red");

        Assert.True(exit == 0, error);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("red ", StringComparison.Ordinal) && l.Contains("203.0.113.53:53", StringComparison.Ordinal));
        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("blue ", StringComparison.Ordinal));
        var missing = LabFixture.Hnv("gateway", "nat", "list", "gw1", "--socket", "/run/hnv/no-such.sock");
        Assert.Equal(3, missing.Exit);
        Assert.Contains("did not answer", missing.Error, StringComparison.Ordinal);
    }

    private static string ContextRules(string context) => Tool.Run(TimeSpan.FromSeconds(10), "ip", "netns", "exec", context, "nft", "list", "table", "ip", "hnv_context").Output;

    private static string Inode(string context) => Tool.Run(TimeSpan.FromSeconds(5), "stat", "-L", "-c", "%i", $"/run/netns/{context}").Output.Trim();

    private static bool Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
