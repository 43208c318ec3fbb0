using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;

namespace Hnv.Dataplane.Probes;

/// <summary>
/// What a host's worker really did with a probe: the revision it forwarded with, each stage's account, the verdict,
/// the port it would have reached, and for one it sent on the outer packet.
/// </summary>
public sealed record ProbeObservation(long Revision, IReadOnlyList<TraceStep> Steps, Verdict Verdict, string? Port, byte[]? Outer);
