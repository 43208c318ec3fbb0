using Hnv.Wire.Addressing;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// What <see cref="UnderlayDecoder"/> read from an outer IP packet: the envelope's addresses and key, and the
/// inner frame (its offset and length relative to the outer IP header, and its parsed summary).
/// </summary>
public record struct UnderlayPacket
{
    public IpAddress OuterSource { get; internal set; }

    public IpAddress OuterDestination { get; internal set; }

    /// <summary>The IP protocol of the outer packet (47 for GRE).</summary>
    public byte OuterProtocol { get; internal set; }

    /// <summary>True when the GRE header was read (even if not acceptable NVGRE).</summary>
    public bool HasGre { get; internal set; }

    public Vsid Vsid { get; internal set; }

    public byte FlowId { get; internal set; }

    /// <summary>The GRE protocol type (0x6558 for NVGRE).</summary>
    public ushort GreProtocol { get; internal set; }

    /// <summary>True when the inner frame was parsed and <see cref="Inner"/> is meaningful.</summary>
    public bool HasInner { get; internal set; }

    /// <summary>Where the inner Ethernet frame starts, from the outer IP header.</summary>
    public int InnerOffset { get; internal set; }

    /// <summary>The inner frame's length, Ethernet padding excluded.</summary>
    public int InnerLength { get; internal set; }

    public FrameSummary Inner { get; internal set; }
}
