namespace Hnv.Lab.Status;

/// <summary>One lab in `hnv lab ls`: from its state folder, or only from namespaces left behind by a crash.</summary>
public sealed class LabListEntry
{
    public required string Name { get; init; }

    public required int Hosts { get; init; }

    public required int Vms { get; init; }

    public required int AgentsAlive { get; init; }

    public required int Namespaces { get; init; }

    /// <summary>"up" with a state file, "orphaned" when only namespaces remain (`hnv lab down NAME` removes them).</summary>
    public required string State { get; init; }
}
