using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

public static partial class PolicyRules
{
    /// <summary>
    /// One NIC's claim on a MAC. A MAC may name several records only when they are one NIC: the same VSID, on
    /// PAs of one host (a dual-stack NIC on a host with an IPv4 and an IPv6 PA, or a NIC with several CAs).
    /// </summary>
    /// <param name="Index">The owning record's index in the checked set, or -1 for a neighbour.</param>
    /// <param name="Neighbour">Set when the owner is a record outside the checked part (see <see cref="CheckPart"/>).</param>
    /// <param name="Vsid">The NIC's VSID.</param>
    /// <param name="Pa">The PA of the owning record.</param>
    /// <param name="Host">The host whose PA the NIC's records name (null when the PA is no host's, a problem of its own).</param>
    private sealed record MacOwner(int Index, LookupRecord? Neighbour, Vsid Vsid, IpAddress Pa, string? Host)
    {
        /// <summary>True when <paramref name="record"/> on <paramref name="host"/> is the same NIC.</summary>
        public bool IsSameNic(LookupRecord record, string? host) =>
            Vsid == record.Vsid && (Host is not null ? Host == host : Pa == record.Pa);
    }

    /// <summary>Checks every record; returns the real (non-wildcard) CAs of each routing domain.</summary>
    private static HashSet<(Rdid, IpAddress)> CheckLookupRecords(
        PolicySet set,
        PolicyPaths paths,
        Dictionary<Vsid, VirtualSubnet> subnets,
        HashSet<IpAddress> providerAddresses,
        IReadOnlyList<LookupRecord> macNeighbours,
        List<PolicyProblem> problems)
    {
        var keys = new Dictionary<LookupRecordKey, int>();
        var domainCas = new Dictionary<(Rdid, IpAddress), int>();
        var macs = new Dictionary<MacAddress, MacOwner>();
        var hostOfPa = new Dictionary<IpAddress, string>();
        foreach (var providerAddress in set.ProviderAddresses)
        {
            hostOfPa.TryAdd(providerAddress.Pa, providerAddress.Host);
        }

        foreach (var neighbour in macNeighbours)
        {
            macs.TryAdd(neighbour.Mac, new MacOwner(-1, neighbour, neighbour.Vsid, neighbour.Pa, hostOfPa.GetValueOrDefault(neighbour.Pa)));
        }
        var routers = new HashSet<(Rdid, IpAddress)>();
        foreach (var subnet in subnets.Values)
        {
            foreach (var router in subnet.DefaultRouters.IsDefault ? [] : subnet.DefaultRouters)
            {
                routers.Add((subnet.Rdid, router));
            }
        }

        for (var i = 0; i < set.LookupRecords.Length; i++)
        {
            var record = set.LookupRecords[i];
            var path = paths.Of(PolicyKind.LookupRecord, i);
            CheckMac(record.Mac, $"{path}.mac", problems);
            if (!Enum.IsDefined(record.Rule))
            {
                problems.Add(new($"{path}.rule", $"The rule {record.Rule} is unknown; expected Encap or Translate."));
            }

            if (!providerAddresses.Contains(record.Pa))
            {
                problems.Add(new($"{path}.pa", $"The PA {record.Pa} is not the provider address of any host; add it to providerAddresses or use a host's PA."));
            }

            CheckMacOwner(record, i, path, paths, macs, hostOfPa.GetValueOrDefault(record.Pa), problems);

            if (!subnets.TryGetValue(record.Vsid, out var subnet))
            {
                problems.Add(new($"{path}.vsid", $"The VSID {record.Vsid} names no virtual subnet; add it to virtualSubnets or use an existing VSID."));
                continue;
            }

            if (keys.TryGetValue(record.Key, out var firstKey))
            {
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} already has a record in VSID {record.Vsid} ({paths.Of(PolicyKind.LookupRecord, firstKey)}); a VSID holds one record per CA."));
                continue;
            }

            keys.Add(record.Key, i);
            switch (record.Type)
            {
                case LookupRecordType.GatewayWildcard:
                    if (!record.Ca.IsUnspecified)
                    {
                        problems.Add(new($"{path}.ca", $"The CA {record.Ca} of a GatewayWildcard record must be 0.0.0.0 or ::, which stands for every CA without a record of its own."));
                    }

                    continue;
                case LookupRecordType.Static or LookupRecordType.L2Only:
                    break;
                default:
                    problems.Add(new($"{path}.type", $"The record type {record.Type} is unknown; expected Static, L2Only or GatewayWildcard."));
                    continue;
            }

            if (record.Ca.IsUnspecified || record.Ca.IsMulticast || record.Ca.IsLimitedBroadcast)
            {
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} is not a unicast address; a {record.Type} record needs a VM's own address."));
                continue;
            }

            if (record.Type == LookupRecordType.Static && !InsideAnyPrefix(subnet, record.Ca))
            {
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} is outside every prefix of virtual subnet {record.Vsid}; a Static record's CA must lie in one of them."));
            }
            else if (record.Type == LookupRecordType.Static && ReservedAddress(subnet, record.Ca) is { } reserved)
            {
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} is the {reserved}; a VM needs one of its host addresses."));
            }

            if (routers.Contains((subnet.Rdid, record.Ca)))
            {
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} is a default router address of routing domain {subnet.Rdid}; a VM cannot use a subnet's router address."));
            }

            if (!domainCas.TryAdd((subnet.Rdid, record.Ca), i))
            {
                var first = set.LookupRecords[domainCas[(subnet.Rdid, record.Ca)]];
                problems.Add(new($"{path}.ca", $"The CA {record.Ca} is already used in routing domain {subnet.Rdid} by {paths.Of(PolicyKind.LookupRecord, domainCas[(subnet.Rdid, record.Ca)])} (VSID {first.Vsid}); one routing domain is one CA space."));
            }
        }

        return [.. domainCas.Keys];
    }

    private static void CheckMac(MacAddress mac, string field, List<PolicyProblem> problems)
    {
        if (mac == MacAddress.Zero || mac.IsMulticast)
        {
            var what = mac == MacAddress.Zero ? "all zeros" : mac.IsBroadcast ? "the broadcast address" : "a multicast address";
            problems.Add(new(field, $"The MAC {mac} is {what}; a NIC needs a unicast MAC such as 00:15:5d:00:00:01."));
        }
    }

    private static void CheckMacOwner(
        LookupRecord record, int index, string path, PolicyPaths paths, Dictionary<MacAddress, MacOwner> macs, string? host, List<PolicyProblem> problems)
    {
        if (!macs.TryGetValue(record.Mac, out var owner))
        {
            macs.Add(record.Mac, new MacOwner(index, null, record.Vsid, record.Pa, host));
            return;
        }

        if (owner.IsSameNic(record, host))
        {
            return;
        }

        var other = owner.Neighbour is { } neighbour ? KeyPaths.Of(neighbour) : paths.Of(PolicyKind.LookupRecord, owner.Index);
        problems.Add(new($"{path}.mac", $"The MAC {record.Mac} is already used by {other}; a MAC belongs to one NIC, whose records share one VSID and one host's PAs."));
    }

    private static bool InsideAnyPrefix(VirtualSubnet subnet, IpAddress address)
    {
        foreach (var prefix in subnet.Prefixes.IsDefault ? [] : subnet.Prefixes)
        {
            if (prefix.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What <paramref name="ca"/> is when no VM may hold it: a prefix's network address (IPv6's subnet-router
    /// anycast, RFC 4291) or an IPv4 prefix's broadcast address; /31, /32, /127 and /128 have no such addresses.
    /// </summary>
    private static string? ReservedAddress(VirtualSubnet subnet, IpAddress ca)
    {
        foreach (var prefix in subnet.Prefixes)
        {
            if (!prefix.Contains(ca) || prefix.Length >= prefix.Address.BitLength - 1)
            {
                continue;
            }

            if (ca == prefix.Address)
            {
                return prefix.IsV6 ? $"subnet-router anycast address of {prefix}" : $"network address of {prefix}";
            }

            if (!prefix.IsV6 && ca == prefix.Last)
            {
                return $"broadcast address of {prefix}";
            }
        }

        return null;
    }
}
