namespace Hnv.Cli.Lab;

/// <summary>The "controller" section of an agent configuration (see the agent's ControllerConfig).</summary>
internal sealed class AgentControllerConfig
{
    public required string Address { get; init; }

    public required string TokenFile { get; init; }

    public required string CacheFile { get; init; }
}
