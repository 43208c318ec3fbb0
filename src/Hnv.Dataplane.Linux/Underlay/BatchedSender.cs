using Hnv.Dataplane.Linux.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Linux.Sockets;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The underlay's send side for packets: a send-only AF_PACKET socket that bypasses the qdisc, one batch per writer
/// (<see cref="IVmPort.MaxWriters"/>) sent with one sendmmsg; sendmmsg on one socket from two threads at once is safe,
/// each message being one frame. Send-only because a sent frame's release wakes the socket that sent it: on the receive
/// socket, watched by a worker's epoll, that cost every frame a callback (bench/README.md).
/// </summary>
internal sealed class BatchedSender : IDisposable
{
    private const int BatchSize = 64;

    private readonly PacketSocket _socket;
    private readonly PacketBatch[] _batches = new PacketBatch[IVmPort.MaxWriters];
    private readonly int[] _queued = new int[IVmPort.MaxWriters];
    private long _errors;
    private long _failedFlushes;

    public BatchedSender(string interfaceName, int mtu, int socketBufferBytes)
    {
        try
        {
            for (var w = 0; w < _batches.Length; w++)
            {
                _batches[w] = new PacketBatch(BatchSize, Math.Max(2048, mtu + 64));
                for (var i = 0; i < BatchSize; i++)
                {
                    _batches[w].Slot(i)[..VirtioNetHeader.Length].Clear(); // every send asks for no offload
                }
            }

            _socket = PacketSocket.Open(interfaceName, PacketSocketOptions.QdiscBypass | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader
                | PacketSocketOptions.SendOnly);
            _socket.SetBufferSizes(0, socketBufferBytes);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Sends that failed (too big for a slot, or refused by the socket at <see cref="Flush"/>).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Those of <see cref="Errors"/> refused at <see cref="Flush"/>.</summary>
    public long FailedFlushes => Interlocked.Read(ref _failedFlushes);

    /// <summary>Queues <paramref name="packet"/> (an IP packet) behind <paramref name="ethernetAddresses"/> (destination and source MAC) in <paramref name="writer"/>'s batch.</summary>
    public bool Queue(ReadOnlySpan<byte> ethernetAddresses, ReadOnlySpan<byte> packet, int writer)
    {
        var batch = _batches[writer];
        if (VirtioNetHeader.Length + IpFrame.EthernetLength + packet.Length > batch.SlotSize || packet.Length == 0)
        {
            Interlocked.Increment(ref _errors);
            return false;
        }

        if (_queued[writer] == batch.Capacity)
        {
            Flush(writer);
        }

        // The slot starts with the zeroed virtio header; the frame follows it.
        var queued = _queued[writer];
        var frame = batch.Slot(queued)[VirtioNetHeader.Length..];
        ethernetAddresses.CopyTo(frame);
        IpFrame.WriteEtherType(frame, packet);
        packet.CopyTo(frame[IpFrame.EthernetLength..]);
        batch.SetPacket(queued, 0, VirtioNetHeader.Length + IpFrame.EthernetLength + packet.Length);
        _queued[writer] = queued + 1;
        return true;
    }

    /// <summary>Sends what <paramref name="writer"/> queued; a message the socket refuses is counted and the rest still go.</summary>
    public void Flush(int writer)
    {
        var batch = _batches[writer];
        var queued = _queued[writer];
        var start = 0;
        while (start < queued)
        {
            var result = _socket.SendBatch(batch, start, queued - start);
            if (result.IsSuccess && result.Count == queued - start)
            {
                break;
            }

            // The message at start + Count failed (or the first, on an error): count it and go on after it.
            Interlocked.Increment(ref _errors);
            Interlocked.Increment(ref _failedFlushes);
            start += (result.IsSuccess ? result.Count : 0) + 1;
        }

        _queued[writer] = 0;
    }

    public void Dispose()
    {
        _socket?.Dispose();
        foreach (var batch in _batches)
        {
            batch?.Dispose();
        }
    }
}
