namespace Hnv.Lab.Status;

/// <summary>A VM in <see cref="LabStatusReport"/>.</summary>
public sealed class VmStatus
{
    public required string Name { get; init; }

    public required string Host { get; init; }

    public required string Namespace { get; init; }

    public required bool NamespaceExists { get; init; }

    public required string Mac { get; init; }

    public required long Vsid { get; init; }

    public required List<string> Addresses { get; init; }

    /// <summary>tap (the agent made it) or veth (a container's, attached by the agent).</summary>
    public required string Nic { get; init; }
}
