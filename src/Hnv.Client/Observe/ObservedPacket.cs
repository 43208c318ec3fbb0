namespace Hnv.Client.Observe;

/// <summary>
/// One line of a node's observe stream (GET /v1/observe on an agent's or gateway's socket): a dropped packet with its
/// reason, or a forwarded one, with where it was seen and its inner 5-tuple.
/// </summary>
public sealed class ObservedPacket
{
    public DateTimeOffset Time { get; set; }

    /// <summary>The host (node) that saw it.</summary>
    public string? Host { get; set; }

    /// <summary>"dropped", "to-port" (delivered or answered) or "to-underlay" (encapsulated).</summary>
    public string? Event { get; set; }

    /// <summary>For a drop: the reason, as counters name it, and what it means.</summary>
    public string? Reason { get; set; }

    public string? Description { get; set; }

    /// <summary>The port it came from or went to; null for the underlay.</summary>
    public string? Port { get; set; }

    /// <summary>"port" or "underlay": where a dropped packet came from.</summary>
    public string? From { get; set; }

    public uint? Vsid { get; set; }

    public string? Protocol { get; set; }

    public string? Source { get; set; }

    public string? Destination { get; set; }

    public int? SourcePort { get; set; }

    public int? DestinationPort { get; set; }

    /// <summary>The inner IP length in bytes.</summary>
    public int? Length { get; set; }

    /// <summary>For underlay packets: the outer PAs.</summary>
    public string? OuterSource { get; set; }

    public string? OuterDestination { get; set; }

    /// <summary>On the stream's last line only: packets the stream let go (over its rate or too slow a reader).</summary>
    public long? Missed { get; set; }
}
