using Hnv.Client.Resources;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Tests.Gateways;

/// <summary>Gateway documents for the tests.</summary>
internal static class Gateways
{
    public static GatewayDocument Gateway(string name, string pa, int priority = 0) =>
        new() { Name = name, Priority = priority, ProviderAddresses = [new ProviderAddressDocument { Pa = pa, PrefixLength = 24 }] };

    public static GatewayDomainDocument Nat(string rdid, string external) => new() { RoutingDomain = rdid, Mode = "nat", ExternalAddresses = [external] };
}
