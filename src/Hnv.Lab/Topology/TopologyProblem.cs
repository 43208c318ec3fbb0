namespace Hnv.Lab.Topology;

/// <summary>One thing wrong with a topology file: <see cref="Field"/> is a path such as <c>vms[2].host</c>.</summary>
public sealed record TopologyProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
