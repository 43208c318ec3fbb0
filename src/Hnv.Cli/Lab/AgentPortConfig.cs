namespace Hnv.Cli.Lab;

/// <summary>
/// One VM port of an <see cref="AgentConfig"/>: the agent makes a TAP with this MAC and moves it into
/// <see cref="Namespace"/> as <see cref="InterfaceName"/>; `up` then configures the addresses inside.
/// </summary>
internal sealed class AgentPortConfig
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string InterfaceName { get; init; }

    public required string Mac { get; init; }

    public required long Vsid { get; init; }

    /// <summary>The port's CAs, without prefix length.</summary>
    public required List<string> Addresses { get; init; }
}
