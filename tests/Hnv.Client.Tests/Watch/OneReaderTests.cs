using Hnv.Client.Watch;
using Hnv.Policy.Documents;
using Hnv.Policy.Validation;

namespace Hnv.Client.Tests.Watch;

/// <summary>
/// A policy file (the validator) and a change event (the agent's watch) read items with one reader, so an item one
/// refuses the other refuses at the same field. The cases are where the two used to disagree: the watch accepted
/// unmasked prefixes, numeric or combined enum names, any 32-bit VSID, a missing prefix length, host names the
/// controller refuses and nameless routing domains; a VLAN too big for 16 bits or a null entry threw.
/// </summary>
[Trait("tier", "pure")]
public sealed class OneReaderTests
{
    private const string Rdid = "aaaaaaaa-0000-0000-0000-000000000001";

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    private static readonly Dictionary<string, (string List, object? Item, string Field)> Cases = new()
    {
        ["unmasked route prefix"] = ("customerRoutes", new CustomerRouteDocument { Rdid = Rdid, Vsid = 5001, Destination = "10.1.0.1/16" }, "destination"),
        ["negative metric"] = ("customerRoutes", new CustomerRouteDocument { Rdid = Rdid, Vsid = 5001, Destination = "10.1.0.0/16", Metric = -1 }, "metric"),
        ["numeric rule"] = ("lookupRecords", Record(rule: "1"), "rule"),
        ["combined rule"] = ("lookupRecords", Record(rule: "Encap,Translate"), "rule"),
        ["numeric type"] = ("lookupRecords", Record(type: "0"), "type"),
        ["reserved VSID 0"] = ("lookupRecords", Record(vsid: 0), "vsid"),
        ["VSID over 24 bits"] = ("lookupRecords", Record(vsid: 1L << 24), "vsid"),
        ["group MAC"] = ("lookupRecords", Record(mac: "01:00:5e:00:00:01"), "mac"),
        ["no prefix length"] = ("providerAddresses", new ProviderAddressDocument { Host = "h2", Pa = "192.0.2.2" }, "prefixLength"),
        ["VLAN over 16 bits"] = ("providerAddresses", new ProviderAddressDocument { Host = "h2", Pa = "192.0.2.2", PrefixLength = 24, Vlan = 70000 }, "vlan"),
        ["VLAN 4095"] = ("providerAddresses", new ProviderAddressDocument { Host = "h2", Pa = "192.0.2.2", PrefixLength = 24, Vlan = 4095 }, "vlan"),
        ["host name with a space"] = ("providerAddresses", new ProviderAddressDocument { Host = "bad name", Pa = "192.0.2.2", PrefixLength = 24 }, "host"),
        ["host name too long"] = ("providerRoutes", new ProviderRouteDocument { Host = new string('h', 65), Destination = "198.51.100.0/24", NextHop = "192.0.2.254" }, "host"),
        ["host name .."] = ("providerRoutes", new ProviderRouteDocument { Host = "..", Destination = "198.51.100.0/24", NextHop = "192.0.2.254" }, "host"),
        ["nameless routing domain"] = ("routingDomains", new RoutingDomainDocument { Rdid = "bbbbbbbb-0000-0000-0000-000000000002", Name = " " }, "name"),
        ["empty RDID"] = ("routingDomains", new RoutingDomainDocument { Rdid = Guid.Empty.ToString(), Name = "zero" }, "rdid"),
        ["null entry"] = ("lookupRecords", null, string.Empty),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidatorAndWatch_RefuseTheSameItem_AtTheSameField(string name)
    {
        var (list, item, field) = Cases[name];
        var file = Policy();
        var index = Add(file, list, item);
        var change = new WatchEvent { Kind = WatchEventKinds.Change, Revision = 2, Upsert = new PolicyDocument() };
        Add(change.Upsert, list, item);

        var fileProblems = PolicyValidator.Validate(file, out var set);
        var watchProblems = Assert.Throws<PolicyValidationException>(() => WatchEventDelta.From(change)).Problems;

        Assert.Null(set);
        Assert.Contains(fileProblems, p => p.Field == Path($"{list}[{index}]", field));
        Assert.Contains(watchProblems, p => p.Field == Path($"upsert.{list}[0]", field));
    }

    [Fact]
    public void Watch_RemovalKeyThatDoesNotRead_IsRefusedAtItsField()
    {
        var change = new WatchEvent
        {
            Kind = WatchEventKinds.Change,
            Revision = 2,
            Remove = new PolicyDocument { LookupRecords = [new LookupRecordDocument { Vsid = 5001, Ca = "10.0.0.300" }] },
        };

        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => WatchEventDelta.From(change)).Problems);

        Assert.Equal("remove.lookupRecords[0].ca", problem.Field);
    }

    [Fact]
    public void Validator_TheBasePolicy_IsValid()
    {
        Assert.Empty(PolicyValidator.Validate(Policy(), out _));
    }

    private static string Path(string item, string field) => field.Length == 0 ? item : $"{item}.{field}";

    private static LookupRecordDocument Record(string? rule = null, string? type = null, long vsid = 5001, string mac = "02:00:00:00:00:12") =>
        new() { Ca = "10.0.0.12", Vsid = vsid, Mac = mac, Pa = "192.0.2.1", Rule = rule, Type = type };

    /// <summary>Adds the case's item to its list; returns its index there.</summary>
    private static int Add(PolicyDocument document, string list, object? item)
    {
        switch (list)
        {
            case "routingDomains":
                document.RoutingDomains.Add((RoutingDomainDocument)item!);
                return document.RoutingDomains.Count - 1;
            case "lookupRecords":
                document.LookupRecords.Add((LookupRecordDocument?)item!);
                return document.LookupRecords.Count - 1;
            case "customerRoutes":
                document.CustomerRoutes.Add((CustomerRouteDocument)item!);
                return document.CustomerRoutes.Count - 1;
            case "providerAddresses":
                document.ProviderAddresses.Add((ProviderAddressDocument)item!);
                return document.ProviderAddresses.Count - 1;
            default:
                document.ProviderRoutes.Add((ProviderRouteDocument)item!);
                return document.ProviderRoutes.Count - 1;
        }
    }

    private static PolicyDocument Policy() => new()
    {
        RoutingDomains = [new RoutingDomainDocument { Rdid = Rdid, Name = "blue" }],
        VirtualSubnets = [new VirtualSubnetDocument { Vsid = 5001, Rdid = Rdid, Prefixes = ["10.0.0.0/24"] }],
        ProviderAddresses = [new ProviderAddressDocument { Host = "h1", Pa = "192.0.2.1", PrefixLength = 24 }],
        ProviderRoutes = [],
        LookupRecords = [new LookupRecordDocument { Ca = "10.0.0.11", Vsid = 5001, Mac = "02:00:00:00:00:11", Pa = "192.0.2.1" }],
    };
}
