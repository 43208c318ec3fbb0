using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Tests.Support;

/// <summary>The network the node and worker tests forward in: one subnet (VSID 5001, 10.0.0.0/24), vm1 on host1, vm2 on host2.</summary>
internal static class TwoHostNetwork
{
    public static readonly IpAddress Pa1 = IpAddress.Parse("192.0.2.1");
    public static readonly IpAddress Pa2 = IpAddress.Parse("192.0.2.2");
    public static readonly MacAddress Mac1 = MacAddress.Parse("02:00:00:00:00:01");
    public static readonly MacAddress Mac2 = MacAddress.Parse("02:00:00:00:00:02");
    public static readonly IpAddress Ca1 = IpAddress.Parse("10.0.0.11");
    public static readonly IpAddress Ca2 = IpAddress.Parse("10.0.0.12");

    /// <summary>The policy at <paramref name="revision"/>; without vm2's lookup record when <paramref name="withVm2"/> is false.</summary>
    public static PolicySnapshot TwoHostPolicy(bool withVm2 = true, long revision = 1)
    {
        const string rdid = "aaaaaaaa-0000-0000-0000-000000000001";
        var doc = new PolicyDocument
        {
            RoutingDomains = [new RoutingDomainDocument { Rdid = rdid, Name = "blue" }],
            VirtualSubnets = [new VirtualSubnetDocument { Vsid = 5001, Rdid = rdid, Prefixes = ["10.0.0.0/24"] }],
            ProviderAddresses =
            [
                new ProviderAddressDocument { Host = "host1", Pa = Pa1.ToString(), PrefixLength = 24 },
                new ProviderAddressDocument { Host = "host2", Pa = Pa2.ToString(), PrefixLength = 24 },
            ],
            LookupRecords = [new LookupRecordDocument { Ca = Ca1.ToString(), Vsid = 5001, Mac = Mac1.ToString(), Pa = Pa1.ToString() }],
        };
        if (withVm2)
        {
            doc.LookupRecords.Add(new LookupRecordDocument { Ca = Ca2.ToString(), Vsid = 5001, Mac = Mac2.ToString(), Pa = Pa2.ToString() });
        }

        Assert.Empty(PolicyValidator.Validate(doc, out var set));
        return PolicySnapshot.Build(set!, revision);
    }
}
