using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.Policy.Tests.Documents;

[Trait("tier", "pure")]
public sealed class PolicyDocumentsTests
{
    [Fact]
    public void From_ValidatedSet_ReadsBackToAnEqualSnapshot()
    {
        Assert.Empty(PolicyValidator.Validate(Samples.Document(), out var set));
        var original = PolicySnapshot.Build(set!, 7);

        // Through JSON too: the agent's disk cache is this document serialized.
        var written = PolicyJson.Deserialize(PolicyJson.Serialize(PolicyDocuments.From(original.ToPolicySet())));
        Assert.Empty(PolicyValidator.Validate(written, out var reread));

        var again = reread!;
        var first = original.ToPolicySet();
        Assert.Equal(first.RoutingDomains.OrderBy(d => d.Rdid.ToString()), again.RoutingDomains.OrderBy(d => d.Rdid.ToString()));
        Assert.Equal(first.VirtualSubnets.OrderBy(s => s.Vsid.Value), again.VirtualSubnets.OrderBy(s => s.Vsid.Value));
        Assert.Equal(first.LookupRecords.OrderBy(r => r.Vsid.Value).ThenBy(r => r.Ca.ToString()), again.LookupRecords.OrderBy(r => r.Vsid.Value).ThenBy(r => r.Ca.ToString()));
        Assert.Equal(first.CustomerRoutes.OrderBy(r => r.Destination.ToString()), again.CustomerRoutes.OrderBy(r => r.Destination.ToString()));
        Assert.Equal(first.ProviderAddresses.OrderBy(p => p.Pa.ToString()), again.ProviderAddresses.OrderBy(p => p.Pa.ToString()));
        Assert.Equal(first.ProviderRoutes.OrderBy(p => p.Destination.ToString()), again.ProviderRoutes.OrderBy(p => p.Destination.ToString()));
    }

    [Fact]
    public void From_OnLinkRoute_WritesOnLink()
    {
        Assert.Empty(PolicyValidator.Validate(Samples.Document(), out var set));
        var routes = PolicyDocuments.From(set!).CustomerRoutes;
        Assert.Contains(routes, r => r.NextHop == "on-link" || r.NextHop == "10.0.1.7");
        Assert.All(routes, r => Assert.NotNull(r.Metric));
    }
}
