namespace Hnv.Client.Trace;

/// <summary>
/// POST /trace: the packet to follow. A NIC sends it to a CA; the controller builds it (valid checksums) and runs the
/// hosts' pipeline on it, as those hosts' policy has it.
/// </summary>
public sealed class TraceRequest
{
    /// <summary>The sending NIC's name.</summary>
    public string? From { get; set; }

    /// <summary>The destination address (a CA of the domain, or an outside address).</summary>
    public string? To { get; set; }

    /// <summary>"icmp" (an echo request; the default), "tcp" (a SYN) or "udp".</summary>
    public string? Protocol { get; set; }

    /// <summary>TCP or UDP source port (default 40000).</summary>
    public int? SourcePort { get; set; }

    /// <summary>TCP or UDP destination port (default 80 for TCP, 53 for UDP).</summary>
    public int? DestinationPort { get; set; }

    /// <summary>The IP packet's length in bytes, headers included (default: headers and 56 bytes of payload, like ping).</summary>
    public int? Size { get; set; }

    /// <summary>Also send a marked probe on the real data path and compare what the agents did with the computed trace.</summary>
    public bool? Live { get; set; }
}
