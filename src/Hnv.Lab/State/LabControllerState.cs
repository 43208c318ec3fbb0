namespace Hnv.Lab.State;

/// <summary>The lab's controller as started: its pid (inside the fabric namespace), socket, store, log and token.</summary>
public sealed class LabControllerState
{
    public required int Pid { get; init; }

    /// <summary>The controller address clients use: unix:/...controller.sock.</summary>
    public required string Address { get; init; }

    public required string Database { get; init; }

    public required string Log { get; init; }

    public required string OperatorToken { get; init; }

    public required List<string> Command { get; init; }
}
