namespace Hnv.Forwarding.Buffers;

/// <summary>
/// One packet's bytes inside a larger array, with headroom in front so that encapsulation and ICMP errors
/// are written before the frame without moving it (VPP's pre_data). Buffers are made once and reused by
/// their owner (a port's batch); the pipeline only moves <see cref="Offset"/> and <see cref="Length"/>.
/// </summary>
public sealed class PacketBuffer
{
    /// <summary>
    /// Room kept in front of a received frame. Encapsulation needs 62 (outer Ethernet 14 + IPv6 40 + GRE 8);
    /// an ICMPv6 error needs 48 (its IPv6 and ICMPv6 headers in front of the quoted packet); 128 covers both.
    /// </summary>
    public const int Headroom = 128;

    /// <summary>The largest frame a buffer holds (a 64 KiB TSO read plus headers).</summary>
    public const int MaxFrameLength = 65536 + 256;

    /// <summary>Makes a buffer with <see cref="Headroom"/> and room for <paramref name="maxFrameLength"/> bytes.</summary>
    public PacketBuffer(int maxFrameLength = MaxFrameLength)
    {
        Array = new byte[Headroom + maxFrameLength];
        Offset = Headroom;
    }

    /// <summary>The whole backing array.</summary>
    public byte[] Array { get; }

    /// <summary>Where the packet starts in <see cref="Array"/>.</summary>
    public int Offset { get; set; }

    /// <summary>The packet's length.</summary>
    public int Length { get; set; }

    /// <summary>The packet.</summary>
    public Span<byte> Data => Array.AsSpan(Offset, Length);

    /// <summary>
    /// 0 for a plain packet. Otherwise the packet is a TCP super-frame, each of its segments carrying this many payload
    /// bytes (the last maybe fewer), with its TCP checksum partial: the pseudo-header's sum only, as the kernel leaves
    /// it. From the underlay, one flow's segments merged by the receiving NIC's GRO: a port hands it to the VM whole,
    /// with an offload header. From a VM port, what the VM's kernel sent in one piece (TSO): the underlay has it
    /// segmented after encapsulation. The pipeline checks each segment's size against the path MTU, not the whole.
    /// </summary>
    public int SegmentSize { get; set; }

    /// <summary>How many packets the buffer stands for: 1, or a super-frame's segments (what the counters count).</summary>
    public int Segments { get; set; } = 1;

    /// <summary>The whole backing array as a span (headroom, packet and tail).</summary>
    public Span<byte> All => Array;

    /// <summary>Resets to an empty packet at the standard headroom, ready for a receive.</summary>
    public void Reset()
    {
        Offset = Headroom;
        Length = 0;
        SegmentSize = 0;
        Segments = 1;
    }

    /// <summary>The span a receive should fill: everything after the headroom.</summary>
    public Span<byte> ReceiveSpan => Array.AsSpan(Headroom);

    /// <summary>Copies <paramref name="frame"/> in at the standard headroom (tests, benchmarks, captures).</summary>
    public void Load(ReadOnlySpan<byte> frame)
    {
        Offset = Headroom;
        Length = frame.Length;
        SegmentSize = 0;
        Segments = 1;
        frame.CopyTo(Array.AsSpan(Headroom));
    }
}
