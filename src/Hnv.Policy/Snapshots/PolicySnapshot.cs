using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Snapshots;

/// <summary>
/// The policy as the forwarding pipeline reads it: immutable, indexed, with a revision (docs/architecture.md, "policy is an immutable snapshot").
/// Lookups are hash probes or longest-prefix match and allocate nothing. <see cref="Apply"/> makes the next
/// snapshot, sharing every routing domain's tables that the delta does not touch.
/// </summary>
public sealed partial class PolicySnapshot
{
    private readonly FrozenDictionary<Rdid, RoutingDomainView> _domains;
    /// <summary>
    /// Subnets by VSID value. A plain dictionary, never written after construction (safe for concurrent readers):
    /// keyed by uint it is about three times faster than a frozen dictionary keyed by <see cref="Vsid"/>, and the
    /// pipeline asks it once per underlay packet.
    /// </summary>
    private readonly Dictionary<uint, SubnetView> _subnets;
    /// <summary>Each known PA and the host that has it (a host may have an IPv4 and an IPv6 PA).</summary>
    private readonly FrozenDictionary<IpAddress, string> _hostOfProviderAddress;

    private PolicySnapshot(
        long revision,
        Dictionary<Rdid, RoutingDomainView> domains,
        ImmutableArray<ProviderAddress> providerAddresses,
        ImmutableArray<ProviderRoute> providerRoutes)
    {
        Revision = revision;
        _domains = domains.ToFrozenDictionary();
        var subnets = new Dictionary<uint, SubnetView>();
        foreach (var domain in domains.Values)
        {
            foreach (var subnet in domain.Subnets)
            {
                subnets.Add(subnet.Vsid.Value, subnet);
            }
        }

        _subnets = subnets;
        var pas = new Dictionary<IpAddress, string>();
        foreach (var address in providerAddresses)
        {
            pas.TryAdd(address.Pa, address.Host);
        }

        _hostOfProviderAddress = pas.ToFrozenDictionary();
        ProviderAddresses = providerAddresses;
        ProviderRoutes = providerRoutes;
    }

    /// <summary>Revision 0 with no policy at all.</summary>
    public static PolicySnapshot Empty { get; } = new(0, [], [], []);

    /// <summary>The revision this snapshot holds.</summary>
    public long Revision { get; }

    /// <summary>Every routing domain's tables.</summary>
    public IEnumerable<RoutingDomainView> RoutingDomains => _domains.Values;

    /// <summary>Every host's provider addresses.</summary>
    public ImmutableArray<ProviderAddress> ProviderAddresses { get; }

    /// <summary>Every host's provider routes.</summary>
    public ImmutableArray<ProviderRoute> ProviderRoutes { get; }

    /// <summary>Builds a snapshot from a set, checking <see cref="PolicyRules"/> first.</summary>
    /// <exception cref="PolicyValidationException">The set breaks a rule.</exception>
    public static PolicySnapshot Build(PolicySet set, long revision)
    {
        ArgumentNullException.ThrowIfNull(set);
        var problems = PolicyRules.Check(set);
        if (problems.Count != 0)
        {
            ThrowInvalid(problems);
        }

        var drafts = new Dictionary<Rdid, DomainDraft>();
        var homes = new Dictionary<Vsid, Rdid>();
        foreach (var domain in set.RoutingDomains)
        {
            drafts.Add(domain.Rdid, new DomainDraft { Domain = domain });
        }

        foreach (var subnet in set.VirtualSubnets)
        {
            drafts[subnet.Rdid].Subnets.Add(subnet);
            homes.Add(subnet.Vsid, subnet.Rdid);
        }

        foreach (var record in set.LookupRecords)
        {
            drafts[homes[record.Vsid]].Records.Add(record);
        }

        foreach (var route in set.CustomerRoutes)
        {
            drafts[route.Rdid].Routes.Add(route);
        }

        var domains = new Dictionary<Rdid, RoutingDomainView>(drafts.Count);
        foreach (var (rdid, draft) in drafts)
        {
            domains.Add(rdid, draft.ToView());
        }

        return new PolicySnapshot(revision, domains, set.ProviderAddresses, set.ProviderRoutes);
    }

    /// <summary>The subnet of a VSID, with its routing domain.</summary>
    public bool TryGetSubnet(Vsid vsid, [MaybeNullWhen(false)] out SubnetView subnet) => _subnets.TryGetValue(vsid.Value, out subnet);

    /// <summary>The tables of a routing domain.</summary>
    public bool TryGetRoutingDomain(Rdid rdid, [MaybeNullWhen(false)] out RoutingDomainView domain) => _domains.TryGetValue(rdid, out domain);

    /// <summary>True when <paramref name="pa"/> is some host's provider address (a receiver checks an outer source so).</summary>
    public bool IsKnownProviderAddress(IpAddress pa) => _hostOfProviderAddress.ContainsKey(pa);

    /// <summary>
    /// True when both PAs are known and belong to one host: a host with an IPv4 and an IPv6 PA may send a VM's
    /// traffic from either, whichever its record names.
    /// </summary>
    public bool IsSameHost(IpAddress pa, IpAddress otherPa) =>
        pa == otherPa
            ? _hostOfProviderAddress.ContainsKey(pa)
            : _hostOfProviderAddress.TryGetValue(pa, out var host) && _hostOfProviderAddress.TryGetValue(otherPa, out var other)
              && string.Equals(host, other, StringComparison.Ordinal);

    /// <summary>The whole policy as a set (allocates; for tests, sync and disk copies, not for packets).</summary>
    public PolicySet ToPolicySet()
    {
        var domains = ImmutableArray.CreateBuilder<RoutingDomain>();
        var subnets = ImmutableArray.CreateBuilder<VirtualSubnet>();
        var records = ImmutableArray.CreateBuilder<LookupRecord>();
        var routes = ImmutableArray.CreateBuilder<CustomerRoute>();
        foreach (var domain in _domains.Values)
        {
            domains.Add(domain.Domain);
            foreach (var subnet in domain.Subnets)
            {
                subnets.Add(subnet.Subnet);
            }

            records.AddRange(domain.Records);
            routes.AddRange(domain.Routes);
        }

        return new PolicySet(
            domains.ToImmutable(), subnets.ToImmutable(), records.ToImmutable(), routes.ToImmutable(), ProviderAddresses, ProviderRoutes);
    }

    [DoesNotReturn]
    private static void ThrowInvalid(IReadOnlyList<PolicyProblem> problems) => throw new PolicyValidationException(problems);

    [DoesNotReturn]
    private static void ThrowStale(long current, long proposed) =>
        throw new PolicyValidationException(
            [new PolicyProblem("revision", $"The delta's revision {proposed} is not above the snapshot's revision {current}; a delta must move the revision forward.")]);
}
