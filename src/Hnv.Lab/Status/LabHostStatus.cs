namespace Hnv.Lab.Status;

/// <summary>A host in <see cref="LabStatusReport"/>.</summary>
public sealed class LabHostStatus
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required bool NamespaceExists { get; init; }

    public required List<string> ProviderAddresses { get; init; }

    public int? AgentPid { get; init; }

    public required bool AgentAlive { get; init; }

    public string? AgentLog { get; init; }

    /// <summary>From the lab's controller: whether the agent watches it, and the revision it applied (null when unknown).</summary>
    public bool? Connected { get; init; }

    public long? Revision { get; init; }
}
