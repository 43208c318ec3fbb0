using System.Runtime.InteropServices;
using Hnv.Forwarding.Buffers;

namespace Hnv.Dataplane.Ports;

/// <summary>
/// A VM NIC as the worker sees it: frames in, frames out. A TAP device, an AF_PACKET socket on an existing
/// interface, or (in tests and benchmarks) memory. The pipeline never sees ports.
/// </summary>
public interface IVmPort : IDisposable
{
    /// <summary>The port's index: the pipeline's and the counters' name for it.</summary>
    int Index { get; }

    /// <summary>A name for operators (the interface name).</summary>
    string Name { get; }

    /// <summary>The descriptor to wait on for incoming frames; null for ports without one (memory).</summary>
    SafeHandle? Handle { get; }

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> at its headroom; false when none is waiting (or the
    /// port failed, which the port counts).
    /// </summary>
    bool TryReceive(PacketBuffer buffer);

    /// <summary>
    /// How many workers may write to one port at once, each under its own <c>writer</c> number (0 or 1): the worker
    /// that reads the VM ports (ARP and ND answers, deliveries between this host's VMs) and the one that reads the
    /// underlay (deliveries from other hosts). A port keeps what it queues apart per writer, so neither locks.
    /// </summary>
    const int MaxWriters = 2;

    /// <summary>
    /// Sends one frame to the VM, or queues it until <see cref="Flush"/> (a port that coalesces); false when it
    /// could not (counted by the port). The frame is copied or written before this returns. Calls with the same
    /// <paramref name="writer"/> come from one thread at a time; different writers may call at once.
    /// A <paramref name="segmentSize"/> above 0 makes the frame a TCP super-frame with a partial checksum
    /// (<see cref="PacketBuffer.SegmentSize"/>), which the VM takes whole.
    /// </summary>
    bool Send(ReadOnlySpan<byte> frame, int writer = 0, int segmentSize = 0);

    /// <summary>Writes whatever <paramref name="writer"/>'s <see cref="Send"/> calls queued; its worker calls it at the end of every batch.</summary>
    void Flush(int writer = 0);

    /// <summary>
    /// The frame last received was answered with an ICMP error (too big for the path, TTL exceeded): a port
    /// that split a TCP super-frame drops the rest of it, which would only be answered the same way.
    /// </summary>
    void SkipSegments();

    /// <summary>
    /// What the port's own I/O counted (reads split, writes joined, errors), by name, for operators; empty for a
    /// port without such counts. Read from any thread; control path, not per packet.
    /// </summary>
    IReadOnlyDictionary<string, long> IoCounters => EmptyCounters.Instance;
}

/// <summary>The shared empty <see cref="IVmPort.IoCounters"/>.</summary>
internal static class EmptyCounters
{
    public static readonly IReadOnlyDictionary<string, long> Instance = new Dictionary<string, long>();
}
