using System.Net.NetworkInformation;
using Hnv.Linux.Links;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Links;

[Trait("tier", "system")]
public sealed class NetworkNamespaceTests : IDisposable
{
    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Create_Two_ListedByPrefixSortedAndExistUntilDeleted()
    {
        var b = _resources.CreateNamespace("b");
        var a = _resources.CreateNamespace("a");

        Assert.Equal([a, b], NetworkNamespace.List(_resources.Prefix));
        Assert.True(NetworkNamespace.Exists(a));

        NetworkNamespace.Delete(a);

        Assert.False(NetworkNamespace.Exists(a));
        Assert.Equal([b], NetworkNamespace.List(_resources.Prefix));
    }

    [Fact]
    public void Run_InsideNamespace_SeesItsLinksAndNotTheRootOnes()
    {
        var ns = _resources.CreateNamespace("r");
        var (end, _) = Link.CreateVethPair($"{_resources.Prefix}-x", $"{_resources.Prefix}-y", ns);

        var inside = NetworkNamespace.Run(ns, () => NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name).ToList());

        Assert.Contains(end.Name, inside);
        Assert.DoesNotContain(end.Name, NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name));
    }

    [Fact]
    public void Run_ActionThrows_RethrowsOnCaller()
    {
        var ns = _resources.CreateNamespace("t");

        Assert.Throws<InvalidOperationException>(() => NetworkNamespace.Run(ns, () => throw new InvalidOperationException()));
    }

    [Fact]
    public void Run_MissingNamespace_ThrowsLinuxExceptionNamingIt()
    {
        var e = Assert.Throws<LinuxException>(() => NetworkNamespace.Run($"{_resources.Prefix}-none", () => 0));

        Assert.Contains($"{_resources.Prefix}-none", e.Operation, StringComparison.Ordinal);
        Assert.Equal(IoError.Other, e.Error); // ENOENT has no packet-path meaning
        Assert.Contains("ENOENT", e.KernelMessage, StringComparison.Ordinal);
    }
}
