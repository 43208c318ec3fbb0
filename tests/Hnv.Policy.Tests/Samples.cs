using Hnv.Policy.Documents;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;

namespace Hnv.Policy.Tests;

/// <summary>A small valid policy: two routing domains that reuse 10.0.0.0/24, a dual-stack NIC, a gateway record.</summary>
internal static class Samples
{
    public const string Blue = "11111111-1111-1111-1111-111111111111";
    public const string Red = "22222222-2222-2222-2222-222222222222";

    public static Rdid BlueRdid => Rdid.Parse(Blue);

    public static Rdid RedRdid => Rdid.Parse(Red);

    public static PolicyDocument Document() => new()
    {
        RoutingDomains =
        [
            new() { Rdid = Blue, Name = "blue" },
            new() { Rdid = Red, Name = "red" },
        ],
        VirtualSubnets =
        [
            new() { Vsid = 5001, Rdid = Blue, Name = "web", Prefixes = ["10.0.0.0/24", "2001:db8:1::/64"] },
            new() { Vsid = 5002, Rdid = Blue, Prefixes = ["10.0.1.0/24"], DefaultRouters = ["10.0.1.254"] },
            new() { Vsid = 6001, Rdid = Red, Prefixes = ["10.0.0.0/24"] },
        ],
        LookupRecords =
        [
            new() { Ca = "10.0.0.5", Vsid = 5001, Mac = "00:15:5d:00:00:05", Pa = "192.0.2.10" },
            new() { Ca = "2001:db8:1::5", Vsid = 5001, Mac = "00:15:5d:00:00:05", Pa = "192.0.2.10" },
            new() { Ca = "10.0.1.7", Vsid = 5002, Mac = "00:15:5d:00:00:07", Pa = "192.0.2.11", Rule = "Translate" },
            new() { Ca = "10.0.0.5", Vsid = 6001, Mac = "00:15:5d:00:01:05", Pa = "192.0.2.11" },
            new() { Ca = "0.0.0.0", Vsid = 5001, Mac = "00:15:5d:00:00:fe", Pa = "192.0.2.11", Type = "GatewayWildcard" },
        ],
        CustomerRoutes =
        [
            new() { Rdid = Blue, Vsid = 5001, Destination = "0.0.0.0/0", NextHop = "10.0.1.7", Metric = 100 },
            new() { Rdid = Blue, Vsid = 5002, Destination = "10.0.0.0/24", NextHop = "on-link" },
        ],
        ProviderAddresses =
        [
            new() { Host = "h1", Pa = "192.0.2.10", PrefixLength = 24, Vlan = 10 },
            new() { Host = "h2", Pa = "192.0.2.11", PrefixLength = 24 },
        ],
        ProviderRoutes =
        [
            new() { Host = "h1", Destination = "198.51.100.0/24", NextHop = "192.0.2.1", Metric = 10 },
        ],
    };

    /// <summary>The validated set of <paramref name="document"/> (default: <see cref="Document"/>); fails the test on any problem.</summary>
    public static PolicySet Set(PolicyDocument? document = null)
    {
        var problems = PolicyValidator.Validate(document ?? Document(), out var set);
        Assert.Empty(problems);
        return Assert.IsType<PolicySet>(set);
    }

    /// <summary>A set as sorted lines, so two sets compare regardless of order.</summary>
    public static List<string> Lines(PolicySet set)
    {
        var lines = new List<string>();
        foreach (var d in set.RoutingDomains)
        {
            lines.Add(d.ToString());
        }

        foreach (var s in set.VirtualSubnets)
        {
            lines.Add($"subnet {s.Vsid} {s.Rdid} {s.Name} [{string.Join(",", s.Prefixes)}] [{string.Join(",", s.DefaultRouters)}]");
        }

        foreach (var r in set.LookupRecords)
        {
            lines.Add(r.ToString());
        }

        foreach (var r in set.CustomerRoutes)
        {
            lines.Add(r.ToString());
        }

        foreach (var a in set.ProviderAddresses)
        {
            lines.Add(a.ToString());
        }

        foreach (var r in set.ProviderRoutes)
        {
            lines.Add(r.ToString());
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
