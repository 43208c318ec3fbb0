using System.Text;
using Hnv.Policy.Documents;
using Hnv.Policy.Validation;

namespace Hnv.Policy.Tests.Documents;

[Trait("tier", "pure")]
public sealed class PolicyJsonTests
{
    [Fact]
    public void Serialize_SampleDocument_RoundTripsToTheSameTextAndSet()
    {
        var json = PolicyJson.Serialize(Samples.Document());

        var again = PolicyJson.Deserialize(json);

        Assert.Equal(json, PolicyJson.Serialize(again));
        Assert.Equal(Samples.Lines(Samples.Set()), Samples.Lines(Samples.Set(again)));
    }

    [Fact]
    public void Serialize_SampleDocument_WritesCamelCaseAndLeavesOutAbsentFields()
    {
        var json = PolicyJson.Serialize(Samples.Document());

        Assert.Contains("\"virtualSubnets\"", json, StringComparison.Ordinal);
        Assert.Contains("\"prefixLength\": 24", json, StringComparison.Ordinal);
        Assert.Contains("\"nextHop\": \"on-link\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"defaultRouters\": null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("VirtualSubnets", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_OldGatewaysName_ReadsAsDefaultRoutersAndIsWrittenUnderTheNewName()
    {
        const string Old = """{ "virtualSubnets": [ { "vsid": 5001, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.0.0.0/24"], "gateways": ["10.0.0.254"] } ] }""";

        var document = PolicyJson.Deserialize(Old);
        var json = PolicyJson.Serialize(document);

        Assert.Equal(["10.0.0.254"], Assert.Single(document.VirtualSubnets).DefaultRouters);
        Assert.Contains("\"defaultRouters\": [", json, StringComparison.Ordinal);
        Assert.DoesNotContain("gateways", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Stream_ReadsTheSameDocument()
    {
        var json = PolicyJson.Serialize(Samples.Document());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var document = PolicyJson.Deserialize(stream);

        Assert.Equal(json, PolicyJson.Serialize(document));
    }

    [Fact]
    public void Deserialize_OperatorStyleJson_AcceptsCommentsTrailingCommasAndDefaults()
    {
        const string Json = """
            {
              // one tenant
              "routingDomains": [ { "rdid": "11111111-1111-1111-1111-111111111111", "name": "blue" }, ],
              "virtualSubnets": [ { "vsid": 5001, "rdid": "11111111-1111-1111-1111-111111111111", "prefixes": [ "10.0.0.0/24" ] } ]
            }
            """;

        var document = PolicyJson.Deserialize(Json);

        var problems = PolicyValidator.Validate(document, out var set);
        Assert.Empty(problems);
        Assert.Equal("10.0.0.1", set!.VirtualSubnets[0].DefaultRouters[0].ToString());
        Assert.Empty(document.LookupRecords);
    }

    [Theory]
    [InlineData("""{ "virtualSubnets": [ { "vsid": "five" } ] }""", "virtualSubnets[0].vsid")] // a string where a number belongs
    [InlineData("""{ "virtualSubnets": [ { "vsid": 5001.5 } ] }""", "virtualSubnets[0].vsid")] // not an integer
    [InlineData("""{ "lookupRecords": [ { "ca": "10.0.0.5", "mack": "x" } ] }""", "lookupRecords[0].mack")] // a misspelt field is refused
    [InlineData("""{ "routingDomains": [ { "rdid": """, "routingDomains[0].rdid")] // cut short
    [InlineData("""[ 1, 2 ]""", "$")] // not an object
    public void Deserialize_MalformedJson_ThrowsPolicyValidationExceptionNamingTheField(string json, string field)
    {
        var e = Assert.Throws<PolicyValidationException>(() => PolicyJson.Deserialize(json));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains("line 1", problem.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
    }

    [Fact]
    public void Deserialize_JsonNull_ThrowsPolicyValidationException()
    {
        var e = Assert.Throws<PolicyValidationException>(() => PolicyJson.Deserialize("null"));

        Assert.Equal("$", Assert.Single(e.Problems).Field);
    }
}
