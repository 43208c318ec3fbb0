namespace Hnv.Lab.State;

/// <summary>One started gateway: its name, pid and files.</summary>
public sealed class LabGatewayState
{
    public required string Name { get; init; }

    public required int Pid { get; init; }

    public required string Config { get; init; }

    public required string Log { get; init; }

    /// <summary>The command line it was started with.</summary>
    public required List<string> Command { get; init; }
}
