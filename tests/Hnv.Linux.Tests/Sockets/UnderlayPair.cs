using System.Net;
using Hnv.Linux.Links;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Sockets;

/// <summary>
/// Two namespaces ("hosts" a and b) joined by a veth pair named u0 in each, with 192.0.2.1/.2 and
/// 2001:db8::1/::2 (nodad, usable at once): the smallest underlay.
/// </summary>
internal sealed record UnderlayPair(string NamespaceA, string NamespaceB)
{
    public static readonly IPAddress V4A = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress V4B = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress V6A = IPAddress.Parse("2001:db8::1");
    public static readonly IPAddress V6B = IPAddress.Parse("2001:db8::2");

    public static UnderlayPair Create(SystemResources resources)
    {
        var a = resources.CreateNamespace("a");
        var b = resources.CreateNamespace("b");
        var (endA, endB) = Link.CreateVethPair(resources.LinkName("ua"), resources.LinkName("ub"));
        Configure(endA.MoveToNamespace(a, "u0"), V4A, V6A);
        Configure(endB.MoveToNamespace(b, "u0"), V4B, V6B);
        return new UnderlayPair(a, b);
    }

    private static void Configure(Link link, IPAddress v4, IPAddress v6)
    {
        link.AddAddress(v4, 24);
        link.AddAddress(v6, 64, skipDuplicateDetection: true);
        link.SetUp();
    }
}
