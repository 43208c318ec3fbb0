using System.Net;
using System.Net.NetworkInformation;
using Hnv.Linux.Links;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Links;

[Trait("tier", "system")]
public sealed class LinkTests : IDisposable
{
    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void SetUp_MissingLink_ThrowsLinuxExceptionWithCommandAndKernelMessage()
    {
        var e = Assert.Throws<LinuxException>(() => new Link($"{_resources.Prefix}-no").SetUp());

        Assert.Equal($"ip link set dev {_resources.Prefix}-no up", e.Operation);
        Assert.Contains("Cannot find device", e.KernelMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVethPair_ConfiguredThenMovedAndRenamed_KeepsSettings()
    {
        var (end, peer) = Link.CreateVethPair(_resources.LinkName("v0"), _resources.LinkName("v1"));
        var mac = PhysicalAddress.Parse("02-48-4E-56-00-0A");
        end.SetMtu(9000);
        end.SetMacAddress(mac);

        var moved = end.MoveToNamespace(_resources.CreateNamespace("m"), "eth0");
        moved.SetUp();
        moved.AddAddress(IPAddress.Parse("2001:db8::5"), 64, skipDuplicateDetection: true);
        moved.AddAddress(IPAddress.Parse("192.0.2.5"), 24);
        moved.AddDefaultRoute(IPAddress.Parse("192.0.2.1"));

        var info = moved.Show();
        Assert.Equal(("eth0", 9000, mac, true), (info.Name, info.Mtu, info.MacAddress, info.IsUp));
        Assert.False(Link.Exists(end.Name));
        Assert.True(Link.Exists(peer.Name));

        moved.Delete();

        Assert.False(Link.Exists(peer.Name)); // a veth goes as a pair
        Assert.Equal(["lo"], Link.List(moved.NetworkNamespace).Select(l => l.Name));
    }
}
