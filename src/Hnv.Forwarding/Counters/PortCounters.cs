namespace Hnv.Forwarding.Counters;

/// <summary>Per-port packet and byte counts; written by one worker, read by anyone (64-bit reads are atomic).</summary>
public sealed class PortCounters
{
    public long ReceivedPackets;
    public long ReceivedBytes;
    public long SentPackets;
    public long SentBytes;
    public long Dropped;
}
