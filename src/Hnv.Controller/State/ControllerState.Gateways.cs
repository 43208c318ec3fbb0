using System.Collections.Immutable;
using Hnv.Controller.Model;
using Hnv.Policy.Model;

namespace Hnv.Controller.State;

internal sealed partial record ControllerState
{
    public ImmutableSortedDictionary<string, GatewayEntry> Gateways { get; init; } = ImmutableSortedDictionary.Create<string, GatewayEntry>(StringComparer.Ordinal);

    /// <summary>Every served domain by its store key ("gw1|rdid").</summary>
    public ImmutableSortedDictionary<string, GatewayDomainEntry> GatewayDomains { get; init; } = ImmutableSortedDictionary.Create<string, GatewayDomainEntry>(StringComparer.Ordinal);

    /// <summary>The gateways the controller counts alive (a gateway never reported on counts as not alive).</summary>
    public ImmutableHashSet<string> AliveGateways { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The gateways serving each routing domain.</summary>
    public ImmutableDictionary<Rdid, ImmutableSortedSet<string>> DomainGateways { get; init; } = ImmutableDictionary<Rdid, ImmutableSortedSet<string>>.Empty;

    /// <summary>The routing domains each gateway serves.</summary>
    public ImmutableDictionary<string, ImmutableSortedSet<Rdid>> GatewayServes { get; init; } = ImmutableDictionary.Create<string, ImmutableSortedSet<Rdid>>(StringComparer.Ordinal);

    /// <summary>The gateway whose PA each served domain's GatewayWildcard records name (none: no gateway of it has a PA).</summary>
    public ImmutableDictionary<Rdid, string> ActiveGateways { get; init; } = ImmutableDictionary<Rdid, string>.Empty;

    /// <summary>The GatewayWildcard records the controller derived from served domains, with their routing domain.</summary>
    public ImmutableDictionary<LookupRecordKey, Rdid> GatewayRecords { get; init; } = ImmutableDictionary<LookupRecordKey, Rdid>.Empty;

    /// <summary>Where a record comes from: "nic:NAME", "gateway:NAME" (its domain's active gateway), or null for an explicit one.</summary>
    public string? RecordSource(LookupRecordKey key) =>
        RecordNics.TryGetValue(key, out var nic) ? "nic:" + nic
        : GatewayRecords.TryGetValue(key, out var rdid) && ActiveGateways.TryGetValue(rdid, out var gateway) ? "gateway:" + gateway
        : null;

    /// <summary>The served domain of <paramref name="gateway"/> for <paramref name="rdid"/>, or null.</summary>
    public GatewayDomainEntry? FindGatewayDomain(string gateway, Rdid rdid) => GatewayDomains.GetValueOrDefault(ResourceKeys.GatewayDomain(gateway, rdid));
}
