namespace Hnv.Lab.Status;

/// <summary>A gateway in <see cref="LabStatusReport"/>: where it is, whether it runs and watches the controller, what it serves.</summary>
public sealed class LabGatewayStatus
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required List<string> ProviderAddresses { get; init; }

    /// <summary>The address its nat domains leave from.</summary>
    public required string ExternalAddress { get; init; }

    /// <summary>Each served domain as "name (mode)".</summary>
    public required List<string> Domains { get; init; }

    public int? Pid { get; init; }

    public required bool Alive { get; init; }

    public string? Log { get; init; }

    public bool? Connected { get; init; }

    public long? Revision { get; init; }
}
