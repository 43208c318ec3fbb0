using System.Net.Sockets;
using Hnv.Linux.Filters;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Sockets;

/// <summary>A filtered AF_PACKET socket on a real veth: only GRE to the PA is queued, and the kernel, told by a
/// rejecting raw GRE socket that GRE is handled, sends no "protocol unreachable" back onto the wire.</summary>
[Trait("tier", "system")]
public sealed class PacketSocketFilterTests : IDisposable
{
    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Open_WithGreFilter_QueuesOnlyGreToThePaAndKernelStaysQuiet()
    {
        var pair = UnderlayPair.Create(_resources);
        using var port = NetworkNamespace.Run(pair.NamespaceB, () => PacketSocket.Open("u0",
            PacketSocketOptions.Default | PacketSocketOptions.NonBlocking, BpfProgram.GreToEthernet(UnderlayPair.V4B, UnderlayPair.V6B)));
        using var kernelSink = NetworkNamespace.Run(pair.NamespaceB, () => GreSocket.Open(AddressFamily.InterNetwork, UnderlayPair.V4B, nonBlocking: true));
        kernelSink.SetFilter(BpfProgram.RejectAll);
        using var sender = NetworkNamespace.Run(pair.NamespaceA, () => GreSocket.Open(AddressFamily.InterNetwork, UnderlayPair.V4A));

        // Not GRE: a ping from A to B (answered by B's kernel) must not reach the socket.
        using (var ping = NamespacePing.Start(pair.NamespaceA, UnderlayPair.V4B.ToString(), waitSeconds: 5))
        {
            Assert.Equal(0, ping.WaitForExit(TimeSpan.FromSeconds(10)).ExitCode);
        }

        byte[] gre = [0x20, 0x00, 0x65, 0x58, 0x00, 0x13, 0x89, 0x00, 1, 2, 3, 4];
        Assert.True(sender.Send(UnderlayPair.V4B.GetAddressBytes(), gre).IsSuccess);

        var frame = FrameReader.ReadUntil(port.Handle, b => port.Receive(b), _ => true, TimeSpan.FromSeconds(5));
        Assert.NotNull(frame);
        Assert.Equal(0x0800, (frame[12] << 8) | frame[13]);
        Assert.Equal(47, frame[23]);
        Assert.Equal(gre, frame[34..]);
        Assert.Equal(IoError.WouldBlock, port.Receive(new byte[2048]).Error); // nothing else was queued

        var snmp = NetworkNamespace.Run(pair.NamespaceB, () => File.ReadAllLines("/proc/thread-self/net/snmp"));
        var icmp = snmp.Where(l => l.StartsWith("Icmp:", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToArray();
        var outUnreachable = icmp[1][Array.IndexOf(icmp[0], "OutDestUnreachs")];
        Assert.Equal("0", outUnreachable);
        Assert.Equal(IoError.WouldBlock, kernelSink.Receive(new byte[2048], new byte[16], out _).Error); // the sink never queues
    }
}
