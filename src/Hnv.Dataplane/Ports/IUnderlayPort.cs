using System.Runtime.InteropServices;
using Hnv.Forwarding.Buffers;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Ports;

/// <summary>
/// The host's side of the physical network: outer IP packets (NVGRE) in and out. Received packets are handed
/// over starting at their outer IP header, which is what the pipeline's underlay path reads.
/// </summary>
public interface IUnderlayPort : IDisposable
{
    /// <summary>The descriptors to wait on for incoming packets (one per address family); empty in memory.</summary>
    IReadOnlyList<SafeHandle> Handles { get; }

    /// <summary>Receives one outer IP packet into <paramref name="buffer"/>; false when none is waiting.</summary>
    bool TryReceive(PacketBuffer buffer);

    /// <summary>
    /// Sends the outer IP packet in <paramref name="buffer"/> (headers written by the pipeline) to <paramref name="providerAddress"/>.
    /// A port that batches sends may only queue the packet (copied) until <see cref="Flush"/>; false when it could not.
    /// As with <see cref="IVmPort.Send"/>, each <paramref name="writer"/> (below <see cref="IVmPort.MaxWriters"/>) is one
    /// thread at a time, and different writers may send at once.
    /// </summary>
    bool Send(IpAddress providerAddress, PacketBuffer buffer, int writer = 0);

    /// <summary>
    /// True when <see cref="Send"/> takes a TCP super-frame encapsulated whole (<see cref="PacketBuffer.SegmentSize"/> above
    /// 0) and has it cut into packets of the underlay's MTU below (the kernel's segmentation offload); VM ports then hand
    /// the pipeline super-frames unsplit. False: every buffer sent must be one packet.
    /// </summary>
    bool TakesSuperFrames => false;

    /// <summary>Sends whatever <paramref name="writer"/>'s <see cref="Send"/> calls queued; its worker calls it at the end of every batch.</summary>
    void Flush(int writer = 0);

    /// <summary>Queued sends that <see cref="Flush"/> could not complete (their <see cref="Send"/> had returned true).</summary>
    long FailedFlushedSends => 0;

    /// <summary>
    /// The PAs packets will go to (policy's, when it changes): a port that resolves next hops itself does so now,
    /// ahead of their first packet. Not called per packet.
    /// </summary>
    void Expect(IEnumerable<IpAddress> providerAddresses)
    {
    }

    /// <summary>What the port's own I/O counted, by name (see <see cref="IVmPort.IoCounters"/>).</summary>
    IReadOnlyDictionary<string, long> IoCounters => EmptyCounters.Instance;
}
