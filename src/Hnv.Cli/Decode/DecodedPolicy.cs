namespace Hnv.Cli.Decode;

/// <summary>
/// What the controller says an NVGRE packet belongs to (`hnv decode --policy`): its routing domain, the hosts behind its
/// PAs, the NICs of its inner flow, whether its FlowID is the sender's, and what policy would not accept.
/// </summary>
internal sealed record DecodedPolicy
{
    public string? RoutingDomain { get; init; }

    public string? SourceHost { get; init; }

    public string? DestinationHost { get; init; }

    public string? SourceNic { get; init; }

    public string? DestinationNic { get; init; }

    public bool? FlowIdMatches { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];
}
