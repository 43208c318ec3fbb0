using System.Net;
using System.Net.Sockets;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Sockets;

[Trait("tier", "system")]
public sealed class GreSocketTests : IDisposable
{
    // NVGRE (RFC 7637): K bit, protocol 0x6558, key = VSID 0x012345 << 8 | FlowID 0x67.
    private static readonly byte[] NvgreHeader = [0x20, 0x00, 0x65, 0x58, 0x01, 0x23, 0x45, 0x67];
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Theory]
    [InlineData(AddressFamily.InterNetwork, 20)]    // raw IPv4 receive includes the 20-byte outer header
    [InlineData(AddressFamily.InterNetworkV6, 0)]   // raw IPv6 receive starts at the GRE header
    public void Send_BetweenNamespaces_ReceivedWithSourceAndGreOffset(AddressFamily family, int expectedOffset)
    {
        var underlay = UnderlayPair.Create(_resources);
        var (a, b) = family == AddressFamily.InterNetwork ? (UnderlayPair.V4A, UnderlayPair.V4B) : (UnderlayPair.V6A, UnderlayPair.V6B);
        using var sender = NetworkNamespace.Run(underlay.NamespaceA, () => GreSocket.Open(family, a));
        using var receiver = NetworkNamespace.Run(underlay.NamespaceB, () => GreSocket.Open(family, b, nonBlocking: true));
        byte[] packet = [.. NvgreHeader, .. Enumerable.Range(0, 200).Select(i => (byte)i)];

        Assert.Equal(IoResult.Success(packet.Length), sender.Send(b.GetAddressBytes(), packet));

        var source = new byte[16];
        var offset = -1;
        var received = FrameReader.ReadUntil(receiver.Handle, buffer => receiver.Receive(buffer, source, out offset), _ => true, ReceiveTimeout);
        Assert.NotNull(received);
        Assert.Equal(expectedOffset, offset);
        Assert.Equal(packet, received[offset..]);
        Assert.Equal(a.GetAddressBytes(), source[..receiver.AddressLength]);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Receive_PacketLongerThanTheBuffer_MessageTooLongNotCutShort(AddressFamily family)
    {
        var underlay = UnderlayPair.Create(_resources);
        var (a, b) = family == AddressFamily.InterNetwork ? (UnderlayPair.V4A, UnderlayPair.V4B) : (UnderlayPair.V6A, UnderlayPair.V6B);
        using var sender = NetworkNamespace.Run(underlay.NamespaceA, () => GreSocket.Open(family, a));
        using var receiver = NetworkNamespace.Run(underlay.NamespaceB, () => GreSocket.Open(family, b, nonBlocking: true));
        byte[] packet = [.. NvgreHeader, .. new byte[1000]];
        Assert.True(sender.Send(b.GetAddressBytes(), packet).IsSuccess);
        Assert.True(sender.Send(b.GetAddressBytes(), packet.AsSpan(0, 100)).IsSuccess);

        var source = new byte[16];
        var results = new List<IoResult>();
        FrameReader.ReadUntil(receiver.Handle, buffer =>
        {
            var result = receiver.Receive(buffer[..500], source, out _);
            results.Add(result);
            return result.Error == IoError.MessageTooLong ? IoResult.Failure(IoError.WouldBlock) : result;
        }, _ => true, ReceiveTimeout);

        // The long one is reported and gone; the short one that followed it is whole.
        Assert.Equal(IoError.MessageTooLong, results.First(r => r.Error != IoError.WouldBlock).Error);
        Assert.Equal(100 + (family == AddressFamily.InterNetwork ? 20 : 0), results.Last().Count);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Send_LargerThanMtu_FailsWithMessageTooLongAndNothingArrives(AddressFamily family)
    {
        var underlay = UnderlayPair.Create(_resources);
        var (a, b) = family == AddressFamily.InterNetwork ? (UnderlayPair.V4A, UnderlayPair.V4B) : (UnderlayPair.V6A, UnderlayPair.V6B);
        using var sender = NetworkNamespace.Run(underlay.NamespaceA, () => GreSocket.Open(family, a));
        using var receiver = NetworkNamespace.Run(underlay.NamespaceB, () => GreSocket.Open(family, b, nonBlocking: true));
        var packet = new byte[1500]; // + outer IP header > the veth's 1500 MTU
        NvgreHeader.CopyTo(packet, 0);

        Assert.Equal(IoResult.Failure(IoError.MessageTooLong), sender.Send(b.GetAddressBytes(), packet));

        // A packet that fits still goes through, and is the first thing b sees: no fragment came before it.
        Assert.True(sender.Send(b.GetAddressBytes(), packet.AsSpan(0, 1400)).IsSuccess);
        var source = new byte[16];
        var received = FrameReader.ReadUntil(receiver.Handle, buffer => receiver.Receive(buffer, source, out _), _ => true, ReceiveTimeout);
        Assert.NotNull(received);
        Assert.Equal(1400 + (family == AddressFamily.InterNetwork ? 20 : 0), received.Length);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void SendBatch_ThreePackets_ReceiveBatchGetsThemWithSources(AddressFamily family)
    {
        var underlay = UnderlayPair.Create(_resources);
        var (a, b) = family == AddressFamily.InterNetwork ? (UnderlayPair.V4A, UnderlayPair.V4B) : (UnderlayPair.V6A, UnderlayPair.V6B);
        using var sender = NetworkNamespace.Run(underlay.NamespaceA, () => GreSocket.Open(family, a));
        using var receiver = NetworkNamespace.Run(underlay.NamespaceB, () => GreSocket.Open(family, b, nonBlocking: true));
        using var outgoing = new PacketBatch(capacity: 3, slotSize: 512, headroom: 64);
        for (var i = 0; i < 3; i++)
        {
            var packet = outgoing.Slot(i).Slice(64, 100 + i);
            packet.Fill((byte)i);
            NvgreHeader.CopyTo(packet);
            outgoing.SetPacket(i, 64, packet.Length);
            b.TryWriteBytes(outgoing.Address(i), out _);
        }

        Assert.Equal(IoResult.Success(3), sender.SendBatch(outgoing, 3));

        using var incoming = new PacketBatch(capacity: 8, slotSize: 512);
        var received = new List<byte[]>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (received.Count < 3 && clock.Elapsed < ReceiveTimeout)
        {
            var result = receiver.ReceiveBatch(incoming);
            if (result.Error == IoError.WouldBlock)
            {
                Thread.Sleep(10);
                continue;
            }

            Assert.True(result.IsSuccess, result.ToString());
            for (var i = 0; i < result.Count; i++)
            {
                Assert.Equal(a.GetAddressBytes(), incoming.Address(i)[..receiver.AddressLength].ToArray());
                received.Add(incoming.Packet(i)[receiver.GreOffset(incoming.Packet(i))..].ToArray());
            }
        }

        Assert.Equal(Enumerable.Range(0, 3).Select(i => outgoing.Packet(i).ToArray()), received);
    }

    [Fact]
    public void Send_DestinationOfWrongLength_ReturnsInvalidArgument()
    {
        var ns = _resources.CreateNamespace("s");
        using var socket = NetworkNamespace.Run(ns, () => GreSocket.Open(AddressFamily.InterNetwork));

        Assert.Equal(IoResult.Failure(IoError.InvalidArgument), socket.Send(new byte[16], NvgreHeader));
    }

    [Fact]
    public void Open_LocalIpv6AddressNotInNamespace_ThrowsLinuxException() // raw IPv4 bind does not check
    {
        var ns = _resources.CreateNamespace("s");

        var e = Assert.Throws<LinuxException>(() =>
            NetworkNamespace.Run(ns, () => GreSocket.Open(AddressFamily.InterNetworkV6, IPAddress.Parse("2001:db8::99"))));

        Assert.Contains("EADDRNOTAVAIL", e.KernelMessage, StringComparison.Ordinal);
    }
}
