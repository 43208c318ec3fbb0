namespace Hnv.Client.Trace;

/// <summary>
/// POST /trace/underlay: what an underlay operator sees of an NVGRE packet (outer source and destination PA, GRE key)
/// and, optionally, its inner 5-tuple; the controller names what it belongs to.
/// </summary>
public sealed class UnderlayTraceRequest
{
    public string? SourcePa { get; set; }

    public string? DestinationPa { get; set; }

    /// <summary>The GRE key: VSID in the upper 24 bits, FlowID in the lower 8 (a number, or "0x" and hex digits).</summary>
    public string? Key { get; set; }

    /// <summary>Optional inner flow; with it the answer names the NICs and checks the FlowID.</summary>
    public TracePacket? Inner { get; set; }
}
