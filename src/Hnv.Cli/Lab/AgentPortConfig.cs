namespace Hnv.Cli.Lab;

/// <summary>
/// One VM port of an <see cref="AgentConfig"/>: the agent makes a TAP with this MAC and moves it into
/// <see cref="Namespace"/> as <see cref="InterfaceName"/>, or attaches <see cref="ExistingInterface"/>; `up` then
/// configures the addresses inside.
/// </summary>
internal sealed class AgentPortConfig
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string InterfaceName { get; init; }

    public required string Mac { get; init; }

    /// <summary>The host end of a veth VM's NIC, which the agent attaches instead of making a TAP; null for a TAP.</summary>
    public string? ExistingInterface { get; init; }

    public required long Vsid { get; init; }

    /// <summary>The port's CAs, without prefix length.</summary>
    public required List<string> Addresses { get; init; }
}
