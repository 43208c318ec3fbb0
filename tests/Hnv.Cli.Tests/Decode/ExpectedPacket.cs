namespace Hnv.Cli.Tests.Decode;

/// <summary>What `hnv decode` must say about one packet of <see cref="SampleCapture"/>; null means "absent".</summary>
internal sealed record ExpectedPacket
{
    public string? OuterSrc { get; init; }

    public string? OuterDst { get; init; }

    public string? OuterProtocol { get; init; }

    public long? Vsid { get; init; }

    public long? FlowId { get; init; }

    public string? Key { get; init; }

    public string? InnerSrcMac { get; init; }

    public string? InnerDstMac { get; init; }

    public string? InnerEtherType { get; init; }

    public string? InnerSrc { get; init; }

    public string? InnerDst { get; init; }

    public string? InnerProtocol { get; init; }

    public long? SrcPort { get; init; }

    public long? DstPort { get; init; }

    public string? Error { get; init; }
}
