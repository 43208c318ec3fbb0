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

    /// <summary>The topology page's address on this machine (http://127.0.0.1:PORT/ui), through <see cref="PagePid"/>'s proxy; null before it runs.</summary>
    public string? Page { get; set; }

    /// <summary>The proxy (socat, in the root namespace) from <see cref="Page"/>'s port to the controller's socket.</summary>
    public int? PagePid { get; set; }
}
