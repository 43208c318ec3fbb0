namespace Hnv.Cli.Lab;

/// <summary>The underlay part of an <see cref="AgentConfig"/>: the interface holding the PAs (no prefix length).</summary>
internal sealed class AgentUnderlayConfig
{
    public required string Interface { get; init; }

    public required int Mtu { get; init; }

    public required List<string> ProviderAddresses { get; init; }

    /// <summary>Whether TCP super-frames leave whole for the kernel to segment.</summary>
    public required bool Gso { get; init; }
}
