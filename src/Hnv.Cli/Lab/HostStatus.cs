namespace Hnv.Cli.Lab;

/// <summary>A host in <see cref="LabStatusReport"/>.</summary>
internal sealed class HostStatus
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required bool NamespaceExists { get; init; }

    public required List<string> ProviderAddresses { get; init; }

    public int? AgentPid { get; init; }

    public required bool AgentAlive { get; init; }

    public string? AgentLog { get; init; }
}
