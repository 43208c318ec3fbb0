namespace Hnv.Dataplane.Probes;

/// <summary>A probe to send as if port <paramref name="Port"/>'s VM had sent <paramref name="Frame"/>; the worker completes <see cref="Done"/>.</summary>
public sealed record ProbeInjection(int Port, byte[] Frame)
{
    public TaskCompletionSource<ProbeObservation> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
