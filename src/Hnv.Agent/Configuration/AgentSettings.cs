using System.Collections.Immutable;
using Hnv.Client.Agent;
using Hnv.NodeRuntime.Configuration;
using Hnv.NodeRuntime.Policy;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="AgentConfig"/>.</summary>
public sealed record AgentSettings(string Host, UnderlaySettings Underlay, string? PolicyFile, string ApiSocket, ImmutableArray<PortSettings> Ports)
{
    /// <summary>Where Prometheus scrapes the agent (null: no metrics listener).</summary>
    public System.Net.IPEndPoint? Metrics { get; init; }

    /// <summary>Policy from the controller (then <see cref="PolicyFile"/> is null).</summary>
    public ControllerSourceSettings? Controller { get; init; }

    /// <summary>Forwarding threads: 1 for both directions (the default), or 2, one per direction (workers).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The CPU each worker thread is pinned to, in worker order (workerCpus); empty: the scheduler places them.</summary>
    public ImmutableArray<int> WorkerCpus { get; init; } = [];

    /// <summary>Where the policy comes from, as the policy sources take it.</summary>
    public PolicySourceSettings PolicySource => new(Host, PolicyFile, Controller);
}
