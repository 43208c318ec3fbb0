namespace Hnv.Controller.Access;

/// <summary>
/// Wakes this replica's open watch streams when a token is deleted or replaced or a host removed, so each checks
/// its own token again at once instead of at its next heartbeat (the check that other replicas' revocations meet).
/// </summary>
internal sealed class TokenRevocations
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next revocation; take it before checking, so none is missed in between.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Says that some token may have stopped being valid.</summary>
    public void Revoked() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
