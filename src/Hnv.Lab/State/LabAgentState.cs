namespace Hnv.Lab.State;

/// <summary>One started agent: its host, pid and files.</summary>
public sealed class LabAgentState
{
    public required string Host { get; init; }

    public required int Pid { get; init; }

    public required string Config { get; init; }

    public required string Log { get; init; }

    public required string ApiSocket { get; init; }

    /// <summary>The command line it was started with (for the log and for `status`).</summary>
    public required List<string> Command { get; init; }
}
