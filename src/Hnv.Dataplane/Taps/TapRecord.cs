using Hnv.Forwarding.Pipeline;

namespace Hnv.Dataplane.Taps;

/// <summary>
/// One packet a tap saw: where, on which port (-1 for the underlay), in which VSID, why it was dropped (None otherwise),
/// and a copy of its bytes: an Ethernet frame (<see cref="IsFrame"/>) or an outer IP packet.
/// </summary>
public sealed record TapRecord(DateTimeOffset At, TapPoints Point, int Port, uint Vsid, DropReason Reason, bool IsFrame, byte[] Bytes);
