using Hnv.Lab.Topology;
namespace Hnv.Lab.State;

/// <summary>
/// &lt;state&gt;/lab.json: what `up` made, written before each step so that `down` finds it even after a crash
/// half-way: the resolved topology, the namespaces made, the controller and agents started and the files written.
/// </summary>
public sealed class LabState
{
    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required LabTopology Topology { get; init; }

    public List<string> Namespaces { get; init; } = [];

    public List<LabAgentState> Agents { get; init; } = [];

    public List<LabGatewayState> Gateways { get; init; } = [];

    /// <summary>The lab's controller, once started.</summary>
    public LabControllerState? Controller { get; set; }

    public List<string> Files { get; init; } = [];
}
