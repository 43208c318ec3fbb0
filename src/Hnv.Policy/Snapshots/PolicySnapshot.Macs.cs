using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Snapshots;

/// <summary>
/// The MAC rule across routing domains, without a global MAC index. A VSID belongs to one routing domain, so a
/// record that shares its MAC with a record of another domain always breaks the rule (a MAC is one NIC, in one
/// VSID); it is enough to find such records, and each domain keeps the set of its MACs for that. A global index
/// would cost about 100 bytes per record (measured), which every agent would pay for a check that touches a few
/// MACs per change.
/// </summary>
public sealed partial class PolicySnapshot
{
    /// <summary>Records of untouched domains that share a MAC with a record of a touched one.</summary>
    private List<LookupRecord> MacNeighbours(Dictionary<Rdid, DomainDraft> drafts)
    {
        // Only a record a domain did not hold before can bring a MAC another domain uses: this snapshot keeps the rule,
        // so the records a touched domain already had are known not to clash. (Checking all of a touched domain's
        // records would walk every record of every domain for a one-record change at 10^4 domains.)
        var touched = new HashSet<MacAddress>();
        foreach (var (rdid, draft) in drafts)
        {
            var old = _domains.GetValueOrDefault(rdid);
            foreach (var record in draft.Records)
            {
                if (old is null || !old.Holds(record))
                {
                    touched.Add(record.Mac);
                }
            }
        }

        var neighbours = new List<LookupRecord>();
        if (touched.Count == 0)
        {
            return neighbours;
        }

        foreach (var (rdid, view) in _domains)
        {
            if (drafts.ContainsKey(rdid))
            {
                continue;
            }

            // Probe the domain's MAC set with each touched MAC, or walk its records when it has fewer: either way
            // a change touching one MAC costs one probe per domain, and a large batch one pass over the records.
            if (view.Records.Length > touched.Count && !AnyIn(view, touched))
            {
                continue;
            }

            foreach (var record in view.Records)
            {
                if (touched.Contains(record.Mac))
                {
                    neighbours.Add(record);
                }
            }
        }

        return neighbours;
    }

    private static bool AnyIn(RoutingDomainView view, HashSet<MacAddress> macs)
    {
        foreach (var mac in macs)
        {
            if (view.HasMac(mac))
            {
                return true;
            }
        }

        return false;
    }
}
