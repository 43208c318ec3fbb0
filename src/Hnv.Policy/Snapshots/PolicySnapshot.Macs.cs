using System.Collections.Immutable;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Snapshots;

/// <summary>The MAC index: which records use each MAC, kept across deltas so the MAC rule spans routing domains.</summary>
public sealed partial class PolicySnapshot
{
    /// <summary>Records of untouched domains that share a MAC with a record of a touched one.</summary>
    private List<LookupRecord> MacNeighbours(Dictionary<Rdid, DomainDraft> drafts)
    {
        var neighbours = new List<LookupRecord>();
        var seen = new HashSet<LookupRecordKey>();
        foreach (var draft in drafts.Values)
        {
            foreach (var record in draft.Records)
            {
                if (!_macs.TryGetValue(record.Mac, out var users))
                {
                    continue;
                }

                foreach (var user in users)
                {
                    if (!drafts.ContainsKey(_subnets[user.Vsid.Value].Rdid) && seen.Add(user.Key))
                    {
                        neighbours.Add(user);
                    }
                }
            }
        }

        return neighbours;
    }

    private static void AddMac(ImmutableDictionary<MacAddress, ImmutableArray<LookupRecord>>.Builder macs, LookupRecord record) =>
        macs[record.Mac] = macs.TryGetValue(record.Mac, out var users) ? users.Add(record) : [record];

    private static void RemoveMac(ImmutableDictionary<MacAddress, ImmutableArray<LookupRecord>>.Builder macs, LookupRecord record)
    {
        var users = macs[record.Mac].Remove(record);
        if (users.IsEmpty)
        {
            macs.Remove(record.Mac);
        }
        else
        {
            macs[record.Mac] = users;
        }
    }
}
