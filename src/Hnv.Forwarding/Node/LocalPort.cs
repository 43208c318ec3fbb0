using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Forwarding.Node;

/// <summary>
/// A port of this node. Usually a VM NIC: the only MAC and CAs it may send from, in one VSID. On a gateway, a port can
/// instead be the outside of a routing domain (<see cref="OutsideOf"/>): the leg into the kernel routing context where
/// that domain's traffic leaves and enters (NAT, forwarding); it has no VSID and no CAs of its own.
/// </summary>
/// <param name="Index">The port's number, dense from 0; verdicts and counters use it.</param>
/// <param name="Name">A name for operators (the TAP device or interface).</param>
/// <param name="Mac">The VM NIC's MAC.</param>
/// <param name="Vsid">The virtual subnet the NIC is in.</param>
/// <param name="Addresses">The NIC's CAs (IPv4 and/or IPv6).</param>
public sealed record LocalPort(int Index, string Name, MacAddress Mac, Vsid Vsid, ImmutableArray<IpAddress> Addresses)
{
    /// <summary>The routing domain whose outside this port is; null for a VM NIC.</summary>
    public Rdid? OutsideOf { get; init; }

    /// <summary>True when <paramref name="address"/> is one of the NIC's CAs.</summary>
    public bool Owns(IpAddress address)
    {
        foreach (var a in Addresses)
        {
            if (a == address)
            {
                return true;
            }
        }

        return false;
    }
}
