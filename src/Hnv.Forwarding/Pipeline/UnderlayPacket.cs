using Hnv.Wire.Addressing;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// What <see cref="UnderlayDecoder"/> read from an outer IP packet: the envelope's addresses and key, and the
/// inner frame (its offset and length relative to the outer IP header, and its parsed summary).
/// </summary>
public readonly record struct UnderlayPacket
{
    public IpAddress OuterSource { get; init; }

    public IpAddress OuterDestination { get; init; }

    /// <summary>The IP protocol of the outer packet (47 for GRE).</summary>
    public byte OuterProtocol { get; init; }

    /// <summary>True when the GRE header was read (even if not acceptable NVGRE).</summary>
    public bool HasGre { get; init; }

    public Vsid Vsid { get; init; }

    public byte FlowId { get; init; }

    /// <summary>The GRE protocol type (0x6558 for NVGRE).</summary>
    public ushort GreProtocol { get; init; }

    /// <summary>True when the inner frame was parsed and <see cref="Inner"/> is meaningful.</summary>
    public bool HasInner { get; init; }

    /// <summary>Where the inner Ethernet frame starts, from the outer IP header.</summary>
    public int InnerOffset { get; init; }

    /// <summary>The inner frame's length, Ethernet padding excluded.</summary>
    public int InnerLength { get; init; }

    public FrameSummary Inner { get; init; }
}
