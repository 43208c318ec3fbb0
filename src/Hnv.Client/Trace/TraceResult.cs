namespace Hnv.Client.Trace;

/// <summary>
/// The answer to POST /trace: what each host's pipeline does with the packet (<see cref="Steps"/>, the logical path),
/// how it crosses the underlay (<see cref="Underlay"/>, the physical path), and the verdict.
/// </summary>
public sealed class TraceResult
{
    /// <summary>"delivered" (to a NIC), "outside" (leaves through a gateway), "answered" (the host replied itself) or "dropped".</summary>
    public string? Verdict { get; set; }

    /// <summary>For "dropped" (and for an ICMP error answered in its place): the drop reason, as counters name it.</summary>
    public string? Reason { get; set; }

    public string? ReasonDescription { get; set; }

    /// <summary>The stage that decided a drop.</summary>
    public string? Stage { get; set; }

    /// <summary>One line for people and scripts.</summary>
    public string? Summary { get; set; }

    /// <summary>The controller revision whose policy the trace ran on.</summary>
    public long Revision { get; set; }

    public TracePacket? Packet { get; set; }

    public TraceEndpoint? Source { get; set; }

    /// <summary>Where it ends: the NIC it is delivered to, or the gateway and routing domain it leaves through.</summary>
    public TraceEndpoint? Destination { get; set; }

    public List<TraceStepView> Steps { get; set; } = [];

    /// <summary>Null when the packet never leaves the sending host.</summary>
    public TraceUnderlay? Underlay { get; set; }

    /// <summary>With live: what the agents really did with a probe, and how it compares.</summary>
    public LiveTrace? Live { get; set; }
}

/// <summary>The inner packet that was traced.</summary>
public sealed class TracePacket
{
    public string? Source { get; set; }

    public string? Destination { get; set; }

    public string? Protocol { get; set; }

    public int? SourcePort { get; set; }

    public int? DestinationPort { get; set; }

    /// <summary>IP length in bytes.</summary>
    public int Length { get; set; }
}

/// <summary>One end of a trace: a host, and there a NIC (or a gateway's outside), in a subnet of a routing domain.</summary>
public sealed class TraceEndpoint
{
    public string? Host { get; set; }

    public string? Nic { get; set; }

    /// <summary>For a packet that leaves the virtual network: the gateway it leaves through.</summary>
    public string? Gateway { get; set; }

    public string? ProviderAddress { get; set; }

    public uint? Vsid { get; set; }

    public string? RoutingDomain { get; set; }

    public string? RoutingDomainName { get; set; }
}

/// <summary>One stage's account, on one host (hop 1 is the sender, hop 2 the receiver).</summary>
public sealed class TraceStepView
{
    public int Hop { get; set; }

    public string? Host { get; set; }

    public string? Stage { get; set; }

    public string? Message { get; set; }
}

/// <summary>How the encapsulated packet crosses the physical network.</summary>
public sealed class TraceUnderlay
{
    public string? SourceHost { get; set; }

    public string? SourcePa { get; set; }

    public string? DestinationHost { get; set; }

    public string? DestinationPa { get; set; }

    /// <summary>The sending host's next hop toward the destination PA: a provider route's gateway, or null for its own routing table.</summary>
    public string? NextHop { get; set; }

    /// <summary>The provider route that chose <see cref="NextHop"/>, when one did.</summary>
    public string? ProviderRoute { get; set; }

    /// <summary>The sending host's underlay MTU (as its agent reported it).</summary>
    public int Mtu { get; set; }

    /// <summary>True when the agent never reported its MTU and 1500 was assumed.</summary>
    public bool MtuAssumed { get; set; }

    /// <summary>The largest inner IP packet that fits (MTU less the NVGRE envelope).</summary>
    public int InnerMtu { get; set; }

    public TraceOuterHeader? Outer { get; set; }
}

/// <summary>The outer IP and GRE headers of the encapsulated packet.</summary>
public sealed class TraceOuterHeader
{
    public string? Source { get; set; }

    public string? Destination { get; set; }

    /// <summary>"ipv4" or "ipv6".</summary>
    public string? Family { get; set; }

    /// <summary>The GRE key as 8 hex digits: VSID (24 bits) and FlowID (8 bits).</summary>
    public string? Key { get; set; }

    public uint Vsid { get; set; }

    public int FlowId { get; set; }

    /// <summary>IPv4 only: the DF bit (NVGRE is never fragmented).</summary>
    public bool? DontFragment { get; set; }

    public int HopLimit { get; set; }

    /// <summary>The outer IP packet's length in bytes.</summary>
    public int Length { get; set; }
}
