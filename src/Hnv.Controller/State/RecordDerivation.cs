using System.Collections.Immutable;
using Hnv.Controller.Model;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.State;

/// <summary>
/// The lookup records of a NIC: one per CA, CA + VSID -> the NIC's MAC + a PA of its host. Over a host with an
/// IPv4 and an IPv6 PA a CA travels over the PA of its own family; a host with PAs of one family carries every
/// CA over its first PA (lowest address), as the lab does (src/Hnv.Lab/Topology/LabPolicy.cs).
/// </summary>
internal static class RecordDerivation
{
    /// <summary>The records, or an empty array when the host has no PA (the caller says so).</summary>
    public static ImmutableArray<LookupRecord> Records(NetworkInterface nic, ImmutableArray<ProviderAddress> hostPas)
    {
        if (hostPas.IsDefaultOrEmpty)
        {
            return [];
        }

        var records = ImmutableArray.CreateBuilder<LookupRecord>(nic.Addresses.Length);
        foreach (var ca in nic.Addresses)
        {
            records.Add(new LookupRecord(ca, nic.Vsid, nic.Mac, PaFor(ca, hostPas), LookupRule.Encap, LookupRecordType.Static));
        }

        return records.MoveToImmutable();
    }

    /// <summary>The PA that carries <paramref name="ca"/>; <paramref name="hostPas"/> is sorted (see <see cref="Order"/>).</summary>
    public static IpAddress PaFor(IpAddress ca, ImmutableArray<ProviderAddress> hostPas)
    {
        foreach (var address in hostPas)
        {
            if (address.Pa.IsV6 == ca.IsV6)
            {
                return address.Pa;
            }
        }

        return hostPas[0].Pa;
    }

    /// <summary>The order a host's PAs are kept in: IPv4 first, then by value, so "first" is stable.</summary>
    public static int Order(ProviderAddress left, ProviderAddress right) =>
        left.Pa.IsV6 != right.Pa.IsV6 ? left.Pa.IsV6.CompareTo(right.Pa.IsV6) : left.Pa.Value.CompareTo(right.Pa.Value);
}
