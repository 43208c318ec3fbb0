using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// The pipeline's answer for one packet. The packet bytes to send are the buffer's
/// <c>Offset</c>/<c>Length</c> after the call (a frame for Deliver/Reply, an outer IP packet for Encapsulate).
/// </summary>
public readonly record struct Verdict(VerdictKind Kind, DropReason Reason, int Port, IpAddress ProviderAddress, Vsid Vsid)
{
    /// <summary>Deliver to a local port.</summary>
    public static Verdict DeliverTo(int port, Vsid vsid) => new(VerdictKind.Deliver, DropReason.None, port, default, vsid);

    /// <summary>Send back out of the port it came from.</summary>
    public static Verdict ReplyTo(int port) => new(VerdictKind.Reply, DropReason.None, port, default, default);

    /// <summary>Send the outer packet to a PA.</summary>
    public static Verdict EncapsulateTo(IpAddress pa, Vsid vsid) => new(VerdictKind.Encapsulate, DropReason.None, -1, pa, vsid);
}
