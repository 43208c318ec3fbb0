using System.Buffers.Binary;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Sockets;

[Trait("tier", "system")]
public sealed class PacketSocketTests : IDisposable
{
    private const ushort LocalExperimentalEtherType = 0x88B5; // IEEE 802 local experimental
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Send_OnVethEnd_ReceivedWholeOnPeerEndAndNotEchoedToSender()
    {
        var ns = _resources.CreateNamespace("p");
        var (end, peer) = Link.CreateVethPair($"{_resources.Prefix}-a", $"{_resources.Prefix}-b", ns);
        end.SetUp();
        peer.SetUp();
        const PacketSocketOptions options = PacketSocketOptions.Default | PacketSocketOptions.NonBlocking;
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, options));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Show().Index, options));
        var frame = new byte[100];
        frame.AsSpan(0, 6).Fill(0xFF);
        byte[] source = [0x02, 0x48, 0x4E, 0x56, 0x00, 0x0B];
        source.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), LocalExperimentalEtherType);
        for (var i = 14; i < frame.Length; i++)
        {
            frame[i] = (byte)i;
        }

        Assert.Equal(IoResult.Success(frame.Length), sender.Send(frame));

        var received = FrameReader.ReadUntil(receiver.Handle, b => receiver.Receive(b), IsOurs, ReceiveTimeout);
        Assert.Equal(frame, received);
        var echoed = FrameReader.ReadUntil(sender.Handle, b => sender.Receive(b), IsOurs, TimeSpan.FromMilliseconds(300));
        Assert.Null(echoed); // PACKET_IGNORE_OUTGOING
    }

    [Fact]
    public void SendOnly_SendsArriveAndNothingIsEverReceived()
    {
        var ns = _resources.CreateNamespace("p");
        var (end, peer) = Link.CreateVethPair($"{_resources.Prefix}-a", $"{_resources.Prefix}-b", ns);
        end.SetUp();
        peer.SetUp();
        const PacketSocketOptions options = PacketSocketOptions.Default | PacketSocketOptions.NonBlocking;
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, options | PacketSocketOptions.SendOnly));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, options));
        using var back = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, options));
        var frame = new byte[100];
        frame.AsSpan(0, 6).Fill(0xFF);
        byte[] source = [0x02, 0x48, 0x4E, 0x56, 0x00, 0x0D];
        source.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), LocalExperimentalEtherType);

        Assert.Equal(IoResult.Success(frame.Length), sender.Send(frame));
        Assert.Equal(frame, FrameReader.ReadUntil(receiver.Handle, b => receiver.Receive(b), IsOurs, ReceiveTimeout));

        // A frame toward the send-only socket's interface is not queued on it (a bound-for-all socket would take it).
        Assert.Equal(IoResult.Success(frame.Length), back.Send(frame));
        Assert.Null(FrameReader.ReadUntil(sender.Handle, b => sender.Receive(b), _ => true, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void VirtioHeader_FramesCarryItBothWays_AndALongFrameIsNeverCutShort()
    {
        var ns = _resources.CreateNamespace("p");
        var (end, peer) = Link.CreateVethPair($"{_resources.Prefix}-a", $"{_resources.Prefix}-b", ns);
        end.SetUp();
        peer.SetUp();
        const PacketSocketOptions options = PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader;
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, options));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, options));
        var frame = new byte[400];
        frame.AsSpan(0, 6).Fill(0xFF);
        byte[] source = [0x02, 0x48, 0x4E, 0x56, 0x00, 0x0C];
        source.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), LocalExperimentalEtherType);
        var noOffload = new byte[10];

        Assert.Equal(IoResult.Success(noOffload.Length + frame.Length), sender.Send(noOffload, frame));
        Assert.Equal(IoResult.Success(noOffload.Length + 100), sender.Send(noOffload, frame.AsSpan(0, 100)));

        // The first is longer than the buffer: reported and gone, not cut short; the second follows whole, behind
        // a virtio header that asks for nothing.
        var results = new List<IoResult>();
        var received = FrameReader.ReadUntil(receiver.Handle, b =>
        {
            var result = receiver.Receive(b[..200]);
            results.Add(result);
            return result.Error == IoError.MessageTooLong ? IoResult.Failure(IoError.WouldBlock) : result;
        }, b => b.Length > 10 && IsOurs(b[10..]), ReceiveTimeout);
        Assert.Contains(IoResult.Failure(IoError.MessageTooLong), results);
        Assert.NotNull(received);
        Assert.Equal(noOffload, received[..10]);
        Assert.Equal(frame[..100], received[10..]);
    }

    [Fact]
    public void SendBatch_ThreeFrames_PeerReceivesThemInOrderWithReceiveBatch()
    {
        var ns = _resources.CreateNamespace("p");
        var (end, peer) = Link.CreateVethPair($"{_resources.Prefix}-a", $"{_resources.Prefix}-b", ns);
        end.SetUp();
        peer.SetUp();
        const PacketSocketOptions options = PacketSocketOptions.Default | PacketSocketOptions.NonBlocking;
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, options));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, options));
        using var outgoing = new PacketBatch(capacity: 3, slotSize: 256, headroom: 32);
        for (var i = 0; i < 3; i++)
        {
            var frame = outgoing.Slot(i).Slice(32, 60 + i);
            frame.Fill((byte)(0x10 + i));
            frame[..6].Fill(0xFF);
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], LocalExperimentalEtherType);
            outgoing.SetPacket(i, 32, frame.Length);
        }

        Assert.Equal(IoResult.Success(3), sender.SendBatch(outgoing, 3));

        using var incoming = new PacketBatch(capacity: 8, slotSize: 256, headroom: 64);
        var ours = new List<byte[]>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ours.Count < 3 && clock.Elapsed < ReceiveTimeout)
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
                Assert.Equal(64, incoming.PacketOffset(i));
                if (IsOurs(incoming.Packet(i)))
                {
                    ours.Add(incoming.Packet(i).ToArray());
                }
            }
        }

        Assert.Equal(Enumerable.Range(0, 3).Select(i => outgoing.Packet(i).ToArray()), ours);
    }

    [Fact]
    public void Open_MissingInterface_ThrowsLinuxException()
    {
        var ns = _resources.CreateNamespace("p");

        var e = Assert.Throws<LinuxException>(() => NetworkNamespace.Run(ns, () => PacketSocket.Open("eth0")));

        Assert.Contains("if_nametoindex eth0", e.Operation, StringComparison.Ordinal);
    }

    private static bool IsOurs(ReadOnlySpan<byte> frame) =>
        frame.Length >= 14 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == LocalExperimentalEtherType;
}
