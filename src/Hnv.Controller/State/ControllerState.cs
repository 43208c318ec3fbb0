using System.Collections.Immutable;
using Hnv.Controller.Model;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;

namespace Hnv.Controller.State;

/// <summary>
/// Everything the controller knows at one revision, immutable: the whole policy as a <see cref="PolicySnapshot"/>
/// (derived records included, so the model's rules are checked on what agents will get), the items that are not
/// policy (hosts, NICs), and the indexes that make a host's view cheap to find. A write makes the next state with
/// <see cref="StateTransition"/>; readers take <c>PolicyEngine.Current</c> once and see one consistent revision.
/// </summary>
internal sealed partial record ControllerState
{
    private static readonly ImmutableSortedDictionary<string, HostEntry> NoHosts = ImmutableSortedDictionary.Create<string, HostEntry>(StringComparer.Ordinal);
    private static readonly ImmutableSortedDictionary<string, NetworkInterface> NoNics = ImmutableSortedDictionary.Create<string, NetworkInterface>(StringComparer.Ordinal);

    /// <summary>Revision 0: nothing at all.</summary>
    public static ControllerState Empty { get; } = new();

    public long Revision { get; init; }

    /// <summary>When this revision was committed (the change log's time).</summary>
    public DateTimeOffset At { get; init; }

    public PolicySnapshot Policy { get; init; } = PolicySnapshot.Empty;

    public ImmutableSortedDictionary<string, HostEntry> Hosts { get; init; } = NoHosts;

    public ImmutableSortedDictionary<string, NetworkInterface> Nics { get; init; } = NoNics;

    /// <summary>Records written through /lookup-records (gateways, NICs the controller does not manage).</summary>
    public ImmutableDictionary<LookupRecordKey, LookupRecord> ExplicitRecords { get; init; } = ImmutableDictionary<LookupRecordKey, LookupRecord>.Empty;

    /// <summary>The NIC each derived record comes from.</summary>
    public ImmutableDictionary<LookupRecordKey, string> RecordNics { get; init; } = ImmutableDictionary<LookupRecordKey, string>.Empty;

    public ImmutableDictionary<string, ImmutableSortedSet<string>> NicsByHost { get; init; } = ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);

    public ImmutableDictionary<MacAddress, string> NicMacs { get; init; } = ImmutableDictionary<MacAddress, string>.Empty;

    /// <summary>Each host's PAs in <see cref="RecordDerivation.Order"/>.</summary>
    public ImmutableDictionary<string, ImmutableArray<ProviderAddress>> HostPas { get; init; } = ImmutableDictionary.Create<string, ImmutableArray<ProviderAddress>>(StringComparer.Ordinal);

    public ImmutableDictionary<IpAddress, string> PaHosts { get; init; } = ImmutableDictionary<IpAddress, string>.Empty;

    public ImmutableDictionary<string, ImmutableArray<ProviderRoute>> HostRoutes { get; init; } = ImmutableDictionary.Create<string, ImmutableArray<ProviderRoute>>(StringComparer.Ordinal);

    /// <summary>How many records of each routing domain name each PA: a host's view holds the domains its PAs are named in.</summary>
    public ImmutableDictionary<IpAddress, ImmutableDictionary<Rdid, int>> PaDomains { get; init; } = ImmutableDictionary<IpAddress, ImmutableDictionary<Rdid, int>>.Empty;

    /// <summary>The same counts by routing domain: which PAs (so hosts) a domain's records name.</summary>
    public ImmutableDictionary<Rdid, ImmutableDictionary<IpAddress, int>> DomainPas { get; init; } = ImmutableDictionary<Rdid, ImmutableDictionary<IpAddress, int>>.Empty;

    /// <summary>The latest revision that changed each host's view (the status's "revision wanted").</summary>
    public ImmutableDictionary<string, long> HostChanged { get; init; } = ImmutableDictionary.Create<string, long>(StringComparer.Ordinal);

    /// <summary>The hosts whose view this revision changed.</summary>
    public ImmutableHashSet<string> Affected { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The revision that last changed <paramref name="host"/>'s view (0: never).</summary>
    public long ChangedAt(string host) => HostChanged.GetValueOrDefault(host);

    /// <summary>Any lookup record by key, derived or explicit.</summary>
    public LookupRecord? FindRecord(LookupRecordKey key)
    {
        if (!Policy.TryGetSubnet(key.Vsid, out var subnet))
        {
            return null;
        }

        if (key.Ca.IsUnspecified)
        {
            return subnet.TryGetGatewayWildcard(key.Ca.IsV6, out var wildcard) && wildcard.Ca == key.Ca ? wildcard : null;
        }

        return subnet.Domain.TryGetRecord(key.Ca, out var record) && record.Vsid == key.Vsid ? record : null;
    }

    /// <summary>The subnet of a VSID, or null.</summary>
    public VirtualSubnet? FindSubnet(Wire.Tunnel.Vsid vsid) => Policy.TryGetSubnet(vsid, out var subnet) ? subnet.Subnet : null;

    /// <summary>The routing domain of an RDID, or null.</summary>
    public RoutingDomain? FindDomain(Rdid rdid) => Policy.TryGetRoutingDomain(rdid, out var domain) ? domain.Domain : null;

    /// <summary>The provider address of a PA, or null.</summary>
    public ProviderAddress? FindProviderAddress(IpAddress pa) =>
        PaHosts.TryGetValue(pa, out var host) ? HostPas[host].FirstOrDefault(a => a.Pa == pa) : null;

    public ProviderRoute? FindProviderRoute(ProviderRouteKey key) =>
        HostRoutes.TryGetValue(key.Host, out var routes) ? routes.FirstOrDefault(r => r.Destination == key.Destination) : null;

    public CustomerRoute? FindCustomerRoute(CustomerRouteKey key) =>
        Policy.TryGetRoutingDomain(key.Rdid, out var domain) ? domain.Routes.FirstOrDefault(r => r.Key == key) : null;

    /// <summary>Every PA of the host that holds <paramref name="pa"/>.</summary>
    public ImmutableArray<ProviderAddress> PasOfHostOf(IpAddress pa) =>
        PaHosts.TryGetValue(pa, out var host) ? HostPas[host] : [];

    /// <summary>The routing domains in <paramref name="host"/>'s view: those whose records name one of its PAs, and those it serves as a gateway.</summary>
    public IEnumerable<Rdid> DomainsOf(string host)
    {
        var served = GatewayServes.GetValueOrDefault(host);
        if (served is not null)
        {
            foreach (var rdid in served)
            {
                yield return rdid;
            }
        }

        if (!HostPas.TryGetValue(host, out var pas))
        {
            yield break;
        }

        var seen = pas.Length > 1 || served is not null ? new HashSet<Rdid>(served ?? []) : null;
        foreach (var address in pas)
        {
            if (!PaDomains.TryGetValue(address.Pa, out var domains))
            {
                continue;
            }

            foreach (var rdid in domains.Keys)
            {
                if (seen is null || seen.Add(rdid))
                {
                    yield return rdid;
                }
            }
        }
    }

    /// <summary>The hosts whose view holds <paramref name="rdid"/> (its gateways among them).</summary>
    public IEnumerable<string> HostsOf(Rdid rdid)
    {
        var hosts = DomainPas.TryGetValue(rdid, out var pas) ? pas.Keys.Select(pa => PaHosts.GetValueOrDefault(pa)).OfType<string>() : [];
        return (DomainGateways.TryGetValue(rdid, out var gateways) ? hosts.Concat(gateways) : hosts).Distinct(StringComparer.Ordinal);
    }
}
