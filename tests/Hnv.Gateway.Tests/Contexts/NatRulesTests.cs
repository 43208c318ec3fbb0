using Hnv.Client.Gateway;
using Hnv.Gateway.Contexts;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Tests.Contexts;

/// <summary>The gateway namespace's rules, loaded by the real nft: what they say, and that a bad set never replaces a good one.</summary>
[Trait("tier", "system")]
public sealed class NatRulesTests : IDisposable
{
    private readonly ScratchNamespaces _spaces = new();

    public void Dispose() => _spaces.Dispose();

    private static (GatewayDomain, ContextLayout) Domain(int index, GatewayMode mode, params string[] addresses) =>
        (new GatewayDomain(new Rdid(Guid.NewGuid()), mode, [.. addresses.Select(IpAddress.Parse)],
            mode == GatewayMode.Nat ? [new PortForward("udp", 5353, IpAddress.Parse("10.0.0.53"), 53)] : []),
         ContextLayout.For("unused-", new Rdid(Guid.NewGuid()), index));

    [Fact]
    public void Gateway_NatAndForwardDomains_LoadAndSayWhatTheyDo()
    {
        var body = NatRules.Gateway("ext0", [Domain(0, GatewayMode.Nat, "203.0.113.100"), Domain(1, GatewayMode.Nat, "203.0.113.100", "203.0.113.101"), Domain(2, GatewayMode.Forward)]);

        KernelCommands.ReplaceTable(_spaces.Gateway, NatRules.GatewayTable, body);

        var loaded = ScratchNamespaces.Run("ip", "netns", "exec", _spaces.Gateway, "nft", "list", "table", "ip", NatRules.GatewayTable);
        Assert.Contains("ip saddr 100.64.0.1 snat to 203.0.113.100", loaded, StringComparison.Ordinal);
        Assert.Contains("ip saddr 100.64.0.3 snat to numgen inc mod 2 map { 0 : 203.0.113.100, 1 : 203.0.113.101 }", loaded, StringComparison.Ordinal);
        Assert.Contains("ip daddr 203.0.113.100 udp dport 5353 dnat to 100.64.0.1", loaded, StringComparison.Ordinal);
        Assert.Contains("iifname \"ext0\" oifname \"hx2\" accept", loaded, StringComparison.Ordinal);
        Assert.Contains("type filter hook forward priority filter; policy drop;", loaded, StringComparison.Ordinal);
        Assert.Contains("iifname \"hx*\" oifname \"ext0\" accept", loaded, StringComparison.Ordinal);
        Assert.Contains("type filter hook input", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("100.64.0.5", loaded, StringComparison.Ordinal); // the forward domain is not translated
    }

    [Fact]
    public void ReplaceTable_ABodyNftRefuses_LeavesTheRulesInForce()
    {
        KernelCommands.ReplaceTable(_spaces.Gateway, NatRules.GatewayTable, NatRules.Gateway("ext0", [Domain(0, GatewayMode.Nat, "203.0.113.100")]));

        var e = Assert.Throws<ContextException>(() => KernelCommands.ReplaceTable(_spaces.Gateway, NatRules.GatewayTable, "  chain broken {\n    nonsense\n  }\n"));

        Assert.Contains("nft", e.Message, StringComparison.Ordinal);
        Assert.Contains("snat to 203.0.113.100",
            ScratchNamespaces.Run("ip", "netns", "exec", _spaces.Gateway, "nft", "list", "table", "ip", NatRules.GatewayTable), StringComparison.Ordinal);
    }
}
