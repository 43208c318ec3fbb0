using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Hnv.Forwarding.Buffers;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Ports;

/// <summary>
/// An underlay in memory: a set of hosts by PA, each with its own <see cref="IUnderlayPort"/>; a packet sent
/// to a PA lands in that host's queue. Lets two or more workers forward to each other in one test process.
/// </summary>
public sealed class MemoryFabric
{
    private readonly ConcurrentDictionary<IpAddress, ConcurrentQueue<byte[]>> _queues = new();

    /// <summary>Packets sent to a PA no host has.</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);

    private long _unroutable;

    /// <summary>Connects a host with these PAs and returns its port.</summary>
    public IUnderlayPort Connect(params IpAddress[] providerAddresses)
    {
        var queue = new ConcurrentQueue<byte[]>();
        foreach (var pa in providerAddresses)
        {
            _queues[pa] = queue;
        }

        return new Port(this, queue);
    }

    private sealed class Port(MemoryFabric fabric, ConcurrentQueue<byte[]> inbound) : IUnderlayPort
    {
        public IReadOnlyList<SafeHandle> Handles => [];

        public bool TryReceive(PacketBuffer buffer)
        {
            if (!inbound.TryDequeue(out var packet))
            {
                return false;
            }

            buffer.Load(packet);
            return true;
        }

        public bool Send(IpAddress providerAddress, PacketBuffer buffer, int writer = 0)
        {
            if (!fabric._queues.TryGetValue(providerAddress, out var queue))
            {
                Interlocked.Increment(ref fabric._unroutable);
                return false;
            }

            queue.Enqueue(buffer.Data.ToArray());
            return true;
        }

        public void Flush(int writer = 0)
        {
        }

        public void Dispose()
        {
        }
    }
}
