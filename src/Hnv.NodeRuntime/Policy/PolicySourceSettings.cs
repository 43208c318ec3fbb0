using Hnv.NodeRuntime.Configuration;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Where a forwarding node's policy comes from: exactly one of a policy file or the controller, which knows the node
/// as <paramref name="Host"/> (an agent's hypervisor, or a gateway registered as a host with its PA).
/// </summary>
public sealed record PolicySourceSettings(string Host, string? PolicyFile, ControllerSourceSettings? Controller);
