namespace Hnv.Cli.Lab;

/// <summary>
/// What `hnv lab up` writes to &lt;state&gt;/&lt;host&gt;.agent.json for the host's agent (camelCase JSON):
/// the host, its underlay, the policy file, the API socket to create, and the VM ports to make.
/// </summary>
internal sealed class AgentConfig
{
    public required string Host { get; init; }

    public required AgentUnderlayConfig Underlay { get; init; }

    public required AgentControllerConfig Controller { get; init; }

    /// <summary>The agent creates this Unix socket when it is ready; `up` waits for it.</summary>
    public required string ApiSocket { get; init; }

    public required List<AgentPortConfig> Ports { get; init; }
}
