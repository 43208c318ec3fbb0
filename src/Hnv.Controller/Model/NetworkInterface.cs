using System.Collections.Immutable;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.Model;

/// <summary>
/// A VM's NIC as the controller keeps it: one MAC and its CAs in one virtual subnet, on one host. The controller
/// derives one lookup record per CA from it (<see cref="State.RecordDerivation"/>). Equality compares the CAs in order.
/// </summary>
internal sealed record NetworkInterface(string Name, string Host, Vsid Vsid, MacAddress Mac, ImmutableArray<IpAddress> Addresses)
{
    /// <inheritdoc />
    public bool Equals(NetworkInterface? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Host, other.Host, StringComparison.Ordinal)
        && Vsid == other.Vsid
        && Mac == other.Mac
        && Addresses.AsSpan().SequenceEqual(other.Addresses.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Host, Vsid, Mac);
}
