using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Tests.Validation;

[Trait("tier", "pure")]
public sealed partial class PolicyValidatorTests
{
    [Fact]
    public void Validate_SampleDocument_ReturnsSetWithNoProblems()
    {
        var problems = PolicyValidator.Validate(Samples.Document(), out var set);

        Assert.Empty(problems);
        Assert.NotNull(set);
        Assert.Equal(2, set.RoutingDomains.Length);
        Assert.Equal(3, set.VirtualSubnets.Length);
        Assert.Equal(5, set.LookupRecords.Length);
    }

    [Fact]
    public void Validate_NoDefaultRouters_DefaultsToFirstHostOfEachPrefix()
    {
        var set = Samples.Set();

        var web = set.VirtualSubnets[0];
        Assert.Equal([IpAddress.Parse("10.0.0.1"), IpAddress.Parse("2001:db8:1::1")], web.DefaultRouters.ToArray());
        Assert.Equal([IpAddress.Parse("10.0.1.254")], set.VirtualSubnets[1].DefaultRouters.ToArray());
    }

    [Fact]
    public void Validate_OmittedOptionalFields_TakeTheirDefaults()
    {
        var set = Samples.Set();

        Assert.Equal(LookupRule.Encap, set.LookupRecords[0].Rule);
        Assert.Equal(LookupRecordType.Static, set.LookupRecords[0].Type);
        Assert.Equal(LookupRule.Translate, set.LookupRecords[2].Rule);
        Assert.Equal(LookupRecordType.GatewayWildcard, set.LookupRecords[4].Type);
        Assert.Equal(IpAddress.Parse("10.0.1.7"), set.CustomerRoutes[0].NextHop);
        Assert.Null(set.CustomerRoutes[1].NextHop);
        Assert.Equal(CustomerRoute.DefaultMetric, set.CustomerRoutes[1].Metric);
        Assert.Equal((ushort)10, set.ProviderAddresses[0].Vlan);
        Assert.Null(set.ProviderAddresses[1].Vlan);
    }

    [Fact]
    public void Validate_DualStackNicAndReusedCaAcrossDomains_AreAccepted()
    {
        // The sample already holds both: 10.0.0.5 and 2001:db8:1::5 share one MAC (one NIC), and 10.0.0.5 is in blue and red.
        var set = Samples.Set();

        Assert.Equal(set.LookupRecords[0].Mac, set.LookupRecords[1].Mac);
        Assert.Equal(set.LookupRecords[0].Ca, set.LookupRecords[3].Ca);
    }

    [Fact]
    public void Validate_NicWithSeveralCasOnItsHostsPas_IsAccepted()
    {
        // One NIC (one MAC, one VSID) with a second IPv4 CA, and its IPv6 CA reached over the host's IPv6 PA.
        var doc = Samples.Document();
        doc.ProviderAddresses.Add(new() { Host = "h1", Pa = "2001:db8::10", PrefixLength = 64 });
        doc.LookupRecords.Add(new() { Ca = "10.0.0.6", Vsid = 5001, Mac = "00:15:5d:00:00:05", Pa = "192.0.2.10" });
        doc.LookupRecords[1].Pa = "2001:db8::10";

        Assert.Empty(PolicyValidator.Validate(doc, out _));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var doc = Samples.Document();
        doc.RoutingDomains.Add(new() { Rdid = "nope", Name = "x" });
        doc.LookupRecords[2].Mac = "ff:ff:ff:ff:ff:ff";
        doc.CustomerRoutes[1].Metric = -3;

        var problems = PolicyValidator.Validate(doc, out var set);

        Assert.Null(set);
        Assert.Equal(
            ["customerRoutes[1].metric", "lookupRecords[2].mac", "routingDomains[2].rdid"],
            problems.Select(p => p.Field).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Validate_NullEntries_AreProblemsNotExceptions()
    {
        var doc = Samples.Document();
        doc.LookupRecords.Add(null!);

        var problems = PolicyValidator.Validate(doc, out var set);

        Assert.Null(set);
        Assert.Equal("lookupRecords[5]", Assert.Single(problems).Field);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_DocumentBreakingOneRule_ReportsExactlyThatProblem(string rule)
    {
        var (mutate, field, value) = Cases[rule];
        var doc = Samples.Document();
        mutate(doc);

        var problems = PolicyValidator.Validate(doc, out var set);

        Assert.Null(set);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", problem.Message, StringComparison.Ordinal);
        Assert.True(char.IsUpper(problem.Message[0]) || problem.Message[0] == '\'', problem.Message);
    }

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }
}
