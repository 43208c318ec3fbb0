using Hnv.NodeRuntime.Configuration;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Where a forwarding node's policy comes from: exactly one of a policy file or the controller. The controller knows
/// the node as <paramref name="Node"/>: an agent's host, or a gateway (whose node is registered under /hosts too).
/// </summary>
public sealed record PolicySourceSettings(string Node, string? PolicyFile, ControllerSourceSettings? Controller)
{
    /// <summary>How often the node reports to the controller when nothing changes: its sign of life (a gateway's is short, failover follows it).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(10);
}
