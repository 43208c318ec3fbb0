using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hnv.Linux.Links;
using Hnv.Linux.Polling;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Polling;

[Trait("tier", "system")]
public sealed class PollerTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Wait_NothingReady_ReturnsZeroAfterTimeout()
    {
        using var poller = new Poller();
        var ready = new PollEvent[4];

        Assert.Equal(IoResult.Success(0), poller.Wait(ready, TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Wait_WokenFromAnotherThread_ReturnsWakeTokenOnceThenTimesOut()
    {
        using var poller = new Poller();
        var ready = new PollEvent[4];
        var clock = Stopwatch.StartNew();
        using var waker = Task.Run(async () =>
        {
            await Task.Delay(100);
            poller.Wake();
        });

        var result = poller.Wait(ready, Long);

        Assert.Equal(IoResult.Success(1), result);
        Assert.Equal(new PollEvent(Poller.WakeToken, PollEvents.Readable), ready[0]);
        Assert.True(clock.Elapsed < Long);
        Assert.Equal(IoResult.Success(0), poller.Wait(ready, TimeSpan.Zero)); // the wake was drained
    }

    [Fact]
    public void Wait_SocketBecomesReadable_ReturnsItsToken()
    {
        var ns = _resources.CreateNamespace("l");
        new Link("lo", ns).SetUp();
        var loopback = IPAddress.Loopback.GetAddressBytes();
        using var socket = NetworkNamespace.Run(ns, () => GreSocket.Open(AddressFamily.InterNetwork, IPAddress.Loopback, nonBlocking: true));
        using var poller = new Poller();
        poller.Add(socket.Handle, token: 7);
        var ready = new PollEvent[4];
        Assert.Equal(IoResult.Success(0), poller.Wait(ready, TimeSpan.Zero));

        Assert.True(socket.Send(loopback, [0x00, 0x00, 0x65, 0x58]).IsSuccess);

        Assert.Equal(IoResult.Success(1), poller.Wait(ready, Long));
        Assert.Equal(new PollEvent(7, PollEvents.Readable), ready[0]);
    }

    [Fact]
    public void Add_WakeToken_Throws()
    {
        var ns = _resources.CreateNamespace("w");
        using var socket = NetworkNamespace.Run(ns, () => GreSocket.Open(AddressFamily.InterNetwork));
        using var poller = new Poller();

        Assert.Throws<ArgumentOutOfRangeException>(() => poller.Add(socket.Handle, Poller.WakeToken));
    }
}
