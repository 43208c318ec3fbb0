using Hnv.NodeRuntime.Configuration;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Where a forwarding node's policy comes from: exactly one of a policy file or the controller. The controller knows
/// the node as <paramref name="Node"/>: an agent's host, or a gateway, whose PA the controller keeps under /hosts until
/// it has gateway resources of its own.
/// </summary>
public sealed record PolicySourceSettings(string Node, string? PolicyFile, ControllerSourceSettings? Controller);
