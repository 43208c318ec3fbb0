namespace Hnv.Agent.Ports;

/// <summary>How an attach went: attached, a name or MAC already in use, or a device failure (with its message).</summary>
public enum AttachOutcome
{
    Attached,
    Conflict,
    Failed,
}

/// <summary>The outcome of an attach and, when it did not attach, why.</summary>
public sealed record AttachResult(AttachOutcome Outcome, string? Message = null, AttachedPort? Port = null);
