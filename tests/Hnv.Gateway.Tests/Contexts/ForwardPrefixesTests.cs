using Hnv.Client.Gateway;
using Hnv.Gateway.Contexts;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Tests.Contexts;

/// <summary>What the gateway routes and announces for its forward domains, worked out from policy (with real, unstarted contexts' layouts).</summary>
[Trait("tier", "system")]
public sealed class ForwardPrefixesTests : IDisposable
{
    private static readonly Rdid Green = Rdid.Parse("aaaaaaaa-0000-0000-0000-00000000000a");
    private static readonly Rdid Olive = Rdid.Parse("aaaaaaaa-0000-0000-0000-00000000000b");
    private static readonly Rdid Blue = Rdid.Parse("aaaaaaaa-0000-0000-0000-00000000000c");
    private readonly ScratchNamespaces _spaces = new();
    private readonly List<RoutingContext> _contexts = [];

    public void Dispose()
    {
        _spaces.InGateway(() =>
        {
            _contexts.ForEach(c => c.Dispose());
            return 0;
        });
        _spaces.Dispose();
    }

    private static PolicySnapshot Policy()
    {
        var document = new PolicyDocument
        {
            RoutingDomains =
            [
                new RoutingDomainDocument { Rdid = Green.ToString(), Name = "green" },
                new RoutingDomainDocument { Rdid = Olive.ToString(), Name = "olive" },
                new RoutingDomainDocument { Rdid = Blue.ToString(), Name = "blue" },
            ],
            VirtualSubnets =
            [
                new VirtualSubnetDocument { Vsid = 7001, Rdid = Green.ToString(), Prefixes = ["10.9.0.0/24", "fd00:9::/64"] },
                new VirtualSubnetDocument { Vsid = 7002, Rdid = Green.ToString(), Prefixes = ["10.8.0.0/24"] },
                new VirtualSubnetDocument { Vsid = 7101, Rdid = Olive.ToString(), Prefixes = ["10.8.0.0/16"] },
                new VirtualSubnetDocument { Vsid = 7102, Rdid = Olive.ToString(), Prefixes = ["100.64.5.0/24"] },
                new VirtualSubnetDocument { Vsid = 5001, Rdid = Blue.ToString(), Prefixes = ["10.9.0.0/24"] },
            ],
            CustomerRoutes = [new CustomerRouteDocument { Rdid = Green.ToString(), Vsid = 7001, Destination = "0.0.0.0/1" }],
        };
        Assert.Empty(PolicyValidator.Validate(document, out var set));
        return PolicySnapshot.Build(set!, 1);
    }

    private RoutingContext Context(Rdid rdid, GatewayMode mode, int index)
    {
        var domain = new GatewayDomain(rdid, mode, mode == GatewayMode.Nat ? [IpAddress.Parse("203.0.113.100")] : [], []);
        var context = _spaces.InGateway(() => RoutingContext.Create(domain, ContextLayout.For(_spaces.ContextPrefix, rdid, index)));
        _contexts.Add(context);
        return context;
    }

    [Fact]
    public void Of_SubnetsOnly_OverlapsAndTransitSpaceRefused()
    {
        var green = Context(Green, GatewayMode.Forward, 0);
        Context(Olive, GatewayMode.Forward, 1);
        Context(Blue, GatewayMode.Nat, 2); // shares green's 10.9.0.0/24, but a nat domain is never routed from outside

        var prefixes = ForwardPrefixes.Of(Policy(), _contexts);

        Assert.Equal([IpPrefix.Parse("10.9.0.0/24")], prefixes.Of(green.Domain.Rdid)); // not 0.0.0.0/1 (a customer route), not IPv6
        Assert.Empty(prefixes.Of(Olive));
        Assert.Equal([IpPrefix.Parse("10.9.0.0/24")], prefixes.All);
        Assert.Contains(prefixes.Refused, r => r.Rdid == Green && r.Prefix == IpPrefix.Parse("10.8.0.0/24"));
        Assert.Contains(prefixes.Refused, r => r.Rdid == Olive && r.Prefix == IpPrefix.Parse("10.8.0.0/16"));
        Assert.Contains(prefixes.Refused, r => r.Rdid == Olive && r.Prefix == IpPrefix.Parse("100.64.5.0/24") && r.Reason.Contains("transit", StringComparison.Ordinal));
    }
}
