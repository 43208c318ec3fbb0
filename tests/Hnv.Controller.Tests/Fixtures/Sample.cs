using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>A small world written through the API: two routing domains, hosts with PAs, NICs.</summary>
internal static class Sample
{
    public const string Blue = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string Red = "bbbbbbbb-0000-0000-0000-000000000002";

    public static async Task DomainAsync(HnvClient client, string rdid, string name, long vsid, string prefix, string? prefixV6 = null)
    {
        await client.CreateRoutingDomainAsync(new RoutingDomainDocument { Rdid = rdid, Name = name });
        await client.CreateVirtualSubnetAsync(new VirtualSubnetDocument
        {
            Vsid = vsid,
            Rdid = rdid,
            Name = name + "-subnet",
            Prefixes = prefixV6 is null ? [prefix] : [prefix, prefixV6],
        });
    }

    public static async Task HostAsync(HnvClient client, string name, params string[] pas)
    {
        await client.CreateHostAsync(new HostDocument { Name = name, Description = "test host " + name });
        foreach (var pa in pas)
        {
            await client.CreateProviderAddressAsync(new ProviderAddressDocument { Host = name, Pa = pa, PrefixLength = pa.Contains(':', StringComparison.Ordinal) ? 64 : 24 });
        }
    }

    public static Task<NetworkInterfaceDocument> NicAsync(HnvClient client, string name, string host, long vsid, string mac, params string[] addresses) =>
        client.CreateNetworkInterfaceAsync(new NetworkInterfaceDocument { Name = name, Host = host, Vsid = vsid, Mac = mac, Addresses = [.. addresses] });

    /// <summary>Blue (VSID 5001, 10.0.0.0/24 + fd00::/64) and red (6001, 10.0.0.0/24), hosts h1 (v4), h2 (v4 + v6), h3 (v4).</summary>
    public static async Task WorldAsync(HnvClient client)
    {
        await DomainAsync(client, Blue, "blue", 5001, "10.0.0.0/24", "fd00::/64");
        await DomainAsync(client, Red, "red", 6001, "10.0.0.0/24");
        await HostAsync(client, "h1", "192.0.2.1");
        await HostAsync(client, "h2", "192.0.2.2", "2001:db8::2");
        await HostAsync(client, "h3", "192.0.2.3");
    }
}
