namespace Hnv.Client.Trace;

/// <summary>
/// The answer to POST /trace/underlay: the routing domain and virtual subnet a fabric packet belongs to, the hosts
/// behind its PAs and the NICs it can be between, and for an inner flow the two NICs and whether the FlowID fits.
/// </summary>
public sealed class UnderlayTraceResult
{
    public uint Vsid { get; set; }

    public int FlowId { get; set; }

    public string? Subnet { get; set; }

    public string? RoutingDomain { get; set; }

    public string? RoutingDomainName { get; set; }

    public string? SourceHost { get; set; }

    public string? DestinationHost { get; set; }

    /// <summary>The NICs of the routing domain on the source host (any of them may have sent it).</summary>
    public List<string> SourceNics { get; set; } = [];

    /// <summary>The NICs of the virtual subnet on the destination host (one of them receives it).</summary>
    public List<string> DestinationNics { get; set; } = [];

    /// <summary>With an inner flow: the NIC that owns the inner source CA, when policy knows it.</summary>
    public string? SourceNic { get; set; }

    /// <summary>With an inner flow: the NIC that owns the inner destination CA, or null for an address outside.</summary>
    public string? DestinationNic { get; set; }

    /// <summary>With an inner flow: the FlowID its sender computes for it, and whether the key carries that one.</summary>
    public int? ExpectedFlowId { get; set; }

    public bool? FlowIdMatches { get; set; }

    /// <summary>What does not fit policy (an unknown PA, a VSID the destination host does not serve, ...); empty when all does.</summary>
    public List<string> Problems { get; set; } = [];
}
