using System.Net;
using System.Net.NetworkInformation;
using Hnv.Linux.Links;
using Hnv.Linux.Tap;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Tap;

/// <summary>A TAP is a VM NIC: the VM's kernel, in its namespace, talks to whoever holds the descriptor.</summary>
[Trait("tier", "system")]
public sealed class TapDeviceTests : IDisposable
{
    private static readonly PhysicalAddress VmMac = PhysicalAddress.Parse("02-48-4E-56-00-01");
    private static readonly byte[] NeighbourMac = [0x02, 0x48, 0x4E, 0x56, 0x00, 0x02];
    private static readonly IPAddress VmAddress = IPAddress.Parse("198.51.100.2");
    private const string NeighbourAddress = "198.51.100.1";
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Create_ConfiguredAndMovedIntoNamespace_ReadsArpAndWritesRepliesSoPingSucceeds()
    {
        using var tap = TapDevice.Create(_resources.LinkName("t"), TapOptions.NonBlocking);
        var link = new Link(tap.Name);
        link.SetMtu(1400);
        link.SetMacAddress(VmMac);
        link.SetUp();
        var info = link.Show();
        Assert.Equal((1400, VmMac, true), (info.Mtu, info.MacAddress, info.IsUp));

        var vm = link.MoveToNamespace(_resources.CreateNamespace("vm"), "eth0");
        vm.SetUp();
        vm.AddAddress(VmAddress, 24);
        vm.AddDefaultRoute(IPAddress.Parse(NeighbourAddress));
        var moved = vm.Show();
        Assert.Equal(("eth0", 1400, VmMac, true), (moved.Name, moved.Mtu, moved.MacAddress, moved.IsUp));

        using var ping = NamespacePing.Start(vm.NetworkNamespace!, NeighbourAddress, waitSeconds: 10);
        var request = FrameReader.ReadUntil(tap.Handle, b => tap.Read(b), Frames.IsArpRequest, FrameTimeout);
        Assert.NotNull(request);
        Assert.Equal(Frames.EtherTypeArp, Frames.EtherType(request));
        Assert.Equal(VmMac.GetAddressBytes(), request[6..12]);
        Assert.Equal(IPAddress.Parse(NeighbourAddress).GetAddressBytes(), request[38..42]);

        var arpReply = Frames.ArpReply(request, NeighbourMac);
        Assert.Equal(IoResult.Success(arpReply.Length), tap.Write(arpReply));

        var echo = FrameReader.ReadUntil(tap.Handle, b => tap.Read(b), Frames.IsIcmpEchoRequest, FrameTimeout);
        Assert.NotNull(echo);
        Assert.Equal(NeighbourMac, echo[0..6]);
        var echoReply = Frames.IcmpEchoReply(echo);
        Assert.Equal(IoResult.Success(echoReply.Length), tap.Write(echoReply));

        var (exitCode, output) = ping.WaitForExit(FrameTimeout);
        Assert.True(exitCode == 0, $"ping exit code {exitCode}: {output}");
    }

    [Fact]
    public void Create_Persistent_SurvivesCloseAndReopensByNameInsideItsNamespace()
    {
        var name = _resources.LinkName("p");
        using (TapDevice.Create(name, TapOptions.Persistent))
        {
        }

        Assert.True(Link.Exists(name));
        var vm = new Link(name).MoveToNamespace(_resources.CreateNamespace("vm"));
        vm.SetMacAddress(VmMac);
        vm.SetUp();
        vm.AddAddress(VmAddress, 24);

        using (var tap = NetworkNamespace.Run(vm.NetworkNamespace!, () => TapDevice.Create(name, TapOptions.Persistent | TapOptions.NonBlocking)))
        {
            Assert.Equal(name, tap.Name);
            using var ping = NamespacePing.Start(vm.NetworkNamespace!, NeighbourAddress, waitSeconds: 1);
            var request = FrameReader.ReadUntil(tap.Handle, b => tap.Read(b), Frames.IsArpRequest, FrameTimeout);
            Assert.NotNull(request);
            Assert.Equal(VmMac.GetAddressBytes(), request[6..12]);
            var arpReply = Frames.ArpReply(request, NeighbourMac);
            Assert.Equal(IoResult.Success(arpReply.Length), tap.Write(arpReply));

            // Not persistent any more: closing the last descriptor deletes the netdev.
            tap.SetPersistent(false);
        }

        Assert.False(Link.Exists(name, vm.NetworkNamespace));
    }

    [Fact]
    public void Read_NonBlockingNothingQueued_ReturnsWouldBlock()
    {
        using var tap = TapDevice.Create(_resources.LinkName("n"), TapOptions.NonBlocking);
        var buffer = new byte[2048];

        Assert.Equal(IoResult.Failure(IoError.WouldBlock), tap.Read(buffer));
    }

    [Fact]
    public void Write_DeviceDown_ReturnsIoFailureNotException() // tun_get_user: -EIO while !IFF_UP
    {
        using var tap = TapDevice.Create(_resources.LinkName("d"), TapOptions.NonBlocking);

        Assert.Equal(IoResult.Failure(IoError.IoFailure), tap.Write(new byte[60]));
    }

    [Fact]
    public void Write_ShorterThanEthernetHeader_ReturnsInvalidArgument()
    {
        using var tap = TapDevice.Create(_resources.LinkName("s"), TapOptions.NonBlocking);
        new Link(tap.Name).SetUp();

        Assert.Equal(IoResult.Failure(IoError.InvalidArgument), tap.Write(new byte[10]));
    }

    [Fact]
    public void Create_NameTooLong_ThrowsArgumentException() // IFNAMSIZ is 16 with the terminating zero
    {
        Assert.Throws<ArgumentException>(() => TapDevice.Create(new string('x', 16)));
    }

    [Fact]
    public void Create_PersistentNameAlreadyAttached_ThrowsLinuxExceptionWithTypedError()
    {
        var name = _resources.LinkName("b");
        using var first = TapDevice.Create(name);

        var e = Assert.Throws<LinuxException>(() => TapDevice.Create(name));

        Assert.Contains("TUNSETIFF", e.Operation, StringComparison.Ordinal);
        Assert.Contains("EBUSY", e.KernelMessage, StringComparison.Ordinal);
    }
}
