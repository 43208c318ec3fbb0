namespace Hnv.Dataplane.Probes;

/// <summary>A host waiting for probe <paramref name="Id"/> from the underlay; the worker that takes it completes <see cref="Caught"/>.</summary>
public sealed record ProbeCatcher(ulong Id)
{
    public TaskCompletionSource<ProbeObservation> Caught { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
