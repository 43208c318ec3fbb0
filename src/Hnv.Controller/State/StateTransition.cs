using System.Collections.Immutable;
using Hnv.Controller.Model;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.State;

/// <summary>
/// Makes the next <see cref="ControllerState"/> from a list of <see cref="ResourceChange"/>s: the writer runs it to
/// validate a request, every replica runs it again to follow the change log, so both reach the same state. Items
/// that are not policy (hosts, NICs) are kept here; NICs become derived lookup records; the policy part becomes one
/// <see cref="Policy.Snapshots.PolicyDelta"/> that <see cref="Policy.Snapshots.PolicySnapshot.Apply"/> checks against
/// the model's rules (the same rules as a whole-policy check, over the routing domains it touches). Conflicts with
/// what exists throw <see cref="WriteRejectedException"/> (409), broken rules throw it too (400).
/// </summary>
internal sealed partial class StateTransition
{
    private readonly ControllerState _old;
    private readonly ImmutableSortedDictionary<string, HostEntry>.Builder _hosts;
    private readonly ImmutableSortedDictionary<string, NetworkInterface>.Builder _nics;
    private readonly ImmutableDictionary<LookupRecordKey, LookupRecord>.Builder _explicit;
    private readonly ImmutableDictionary<LookupRecordKey, string>.Builder _recordNics;
    private readonly ImmutableDictionary<MacAddress, string>.Builder _nicMacs;
    private readonly Dictionary<string, ImmutableSortedSet<string>> _nicsByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<Rdid, RoutingDomain?> _domains = [];
    private readonly Dictionary<Vsid, VirtualSubnet?> _subnets = [];
    private readonly Dictionary<CustomerRouteKey, CustomerRoute?> _customerRoutes = [];
    private readonly Dictionary<IpAddress, ProviderAddress?> _providerAddresses = [];
    private readonly Dictionary<ProviderRouteKey, ProviderRoute?> _providerRoutes = [];
    /// <summary>The wanted value of every record key the change touches (null: no record).</summary>
    private readonly Dictionary<LookupRecordKey, LookupRecord?> _records = [];
    private readonly HashSet<string> _released = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyNics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyHosts = new(StringComparer.Ordinal);
    private readonly HashSet<LookupRecordKey> _explicitWrites = [];
    private readonly HashSet<string> _hostEntries = new(StringComparer.Ordinal);
    /// <summary>The MACs of explicit records after the change; built only when a NIC is derived (explicit records are few: gateways).</summary>
    private readonly Lazy<HashSet<MacAddress>> _explicitMacs;

    private StateTransition(ControllerState old)
    {
        _old = old;
        _hosts = old.Hosts.ToBuilder();
        _nics = old.Nics.ToBuilder();
        _explicit = old.ExplicitRecords.ToBuilder();
        _recordNics = old.RecordNics.ToBuilder();
        _nicMacs = old.NicMacs.ToBuilder();
        _explicitMacs = new(() => [.. _explicit.Values.Select(r => r.Mac)]);
    }

    /// <summary>The state after <paramref name="changes"/>, at <paramref name="revision"/>.</summary>
    /// <exception cref="WriteRejectedException">A conflict or a broken rule; <paramref name="old"/> is unchanged.</exception>
    public static ControllerState Apply(ControllerState old, IReadOnlyList<ResourceChange> changes, long revision, DateTimeOffset at)
    {
        var transition = new StateTransition(old);
        foreach (var change in changes)
        {
            transition.Take(change);
        }

        transition.Derive();
        return transition.Finish(revision, at);
    }

    private void Take(ResourceChange change)
    {
        switch (change.Kind)
        {
            case ResourceKind.RoutingDomain:
                _domains[ResourceKeys.ParseDomain(change.Key)] = (RoutingDomain?)change.Value;
                break;
            case ResourceKind.VirtualSubnet:
                _subnets[ResourceKeys.ParseSubnet(change.Key)] = (VirtualSubnet?)change.Value;
                break;
            case ResourceKind.CustomerRoute:
                _customerRoutes[ResourceKeys.ParseCustomerRoute(change.Key)] = (CustomerRoute?)change.Value;
                break;
            case ResourceKind.ProviderRoute:
                _providerRoutes[ResourceKeys.ParseProviderRoute(change.Key)] = (ProviderRoute?)change.Value;
                break;
            case ResourceKind.ProviderAddress:
                var pa = IpAddress.Parse(change.Key);
                var before = _providerAddresses.TryGetValue(pa, out var pending) ? pending : _old.FindProviderAddress(pa);
                if (before is not null)
                {
                    _dirtyHosts.Add(before.Host);
                }

                if (change.Value is ProviderAddress after)
                {
                    _dirtyHosts.Add(after.Host);
                }

                _providerAddresses[pa] = (ProviderAddress?)change.Value;
                break;
            case ResourceKind.Host:
                _hostEntries.Add(change.Key);
                if (change.Value is HostEntry host)
                {
                    _hosts[host.Name] = host;
                }
                else
                {
                    _hosts.Remove(change.Key);
                }

                break;
            case ResourceKind.NetworkInterface:
                TakeNic(change.Key, (NetworkInterface?)change.Value);
                break;
            case ResourceKind.Gateway or ResourceKind.GatewayDomain or ResourceKind.GatewayHealth:
                TakeGateway(change);
                break;
            case ResourceKind.LookupRecord:
                var key = ResourceKeys.ParseRecord(change.Key);
                if (change.Value is LookupRecord record)
                {
                    _explicit[key] = record;
                    _explicitWrites.Add(key);
                }
                else
                {
                    _explicit.Remove(key);
                    _explicitWrites.Remove(key);
                }

                _records[key] = (LookupRecord?)change.Value;
                break;
        }
    }

    private void TakeNic(string name, NetworkInterface? nic)
    {
        Release(name);
        if (nic is null)
        {
            _nics.Remove(name);
            _dirtyNics.Remove(name);
            return;
        }

        _nics[name] = nic;
        _dirtyNics.Add(name);
    }

    /// <summary>Lets go of everything the NIC held in the state before this change (its records, MAC, host entry).</summary>
    private void Release(string name)
    {
        if (!_released.Add(name) || !_old.Nics.TryGetValue(name, out var old))
        {
            return;
        }

        foreach (var ca in old.Addresses)
        {
            var key = new LookupRecordKey(old.Vsid, ca);
            if (_recordNics.TryGetValue(key, out var owner) && owner == name)
            {
                _recordNics.Remove(key);
                _records.TryAdd(key, null);
            }
        }

        if (_nicMacs.TryGetValue(old.Mac, out var macOwner) && macOwner == name)
        {
            _nicMacs.Remove(old.Mac);
        }

        _nicsByHost[old.Host] = NicsOn(old.Host).Remove(name);
    }

    private ImmutableSortedSet<string> NicsOn(string host) =>
        _nicsByHost.TryGetValue(host, out var set) ? set
        : _old.NicsByHost.TryGetValue(host, out var old) ? old
        : ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>(Re)derives the records of every NIC the change touches, directly or through its host's PAs.</summary>
    private void Derive()
    {
        foreach (var host in _dirtyHosts)
        {
            foreach (var name in NicsOn(host))
            {
                _dirtyNics.Add(name);
            }
        }

        foreach (var name in _dirtyNics)
        {
            Release(name);
        }

        foreach (var name in _dirtyNics.Order(StringComparer.Ordinal))
        {
            var nic = _nics[name];
            if (_nicMacs.TryGetValue(nic.Mac, out var macOwner) && macOwner != name)
            {
                throw WriteRejectedException.Conflict("mac", $"The MAC {nic.Mac} is already used by network interface {macOwner}; a MAC belongs to one NIC.");
            }

            if (_explicitMacs.Value.Contains(nic.Mac))
            {
                throw WriteRejectedException.Conflict("mac", $"The MAC {nic.Mac} is already used by an explicit lookup record; a MAC belongs to one NIC.");
            }

            _nicMacs[nic.Mac] = name;
            _nicsByHost[nic.Host] = NicsOn(nic.Host).Add(name);
            var pas = HostPasAfter(nic.Host);
            if (pas.IsEmpty)
            {
                throw WriteRejectedException.Invalid("host", $"The host {nic.Host} has no provider address, so network interface {name} has no PA to be reached at; add a provider address to the host first.");
            }

            foreach (var record in RecordDerivation.Records(nic, pas))
            {
                if (_recordNics.TryGetValue(record.Key, out var owner) && owner != name)
                {
                    throw WriteRejectedException.Conflict("addresses", $"The CA {record.Ca} of VSID {record.Vsid} is already used by network interface {owner}.");
                }

                if (_explicit.ContainsKey(record.Key))
                {
                    throw WriteRejectedException.Conflict("addresses", $"The CA {record.Ca} of VSID {record.Vsid} already has an explicit lookup record; remove it first or use another CA.");
                }

                _recordNics[record.Key] = name;
                _records[record.Key] = record;
            }
        }

        foreach (var key in _explicitWrites)
        {
            var record = _explicit[key];
            if (_recordNics.TryGetValue(key, out var owner))
            {
                throw WriteRejectedException.Conflict("ca", $"The CA {key.Ca} of VSID {key.Vsid} is already used by network interface {owner}; change it through the NIC.");
            }

            if (_nicMacs.TryGetValue(record.Mac, out var macOwner))
            {
                throw WriteRejectedException.Conflict("mac", $"The MAC {record.Mac} is already used by network interface {macOwner}; a MAC belongs to one NIC.");
            }
        }

        foreach (var (rdid, domain) in _domains)
        {
            if (domain is null)
            {
                _gatewayDirty.Add(rdid);
            }
        }

        DeriveGateways();
    }

    /// <summary>The host's PAs after this change, in <see cref="RecordDerivation.Order"/>.</summary>
    private ImmutableArray<ProviderAddress> HostPasAfter(string host)
    {
        var pas = _old.HostPas.GetValueOrDefault(host, []).ToBuilder();
        foreach (var (pa, address) in _providerAddresses)
        {
            pas.RemoveAll(a => a.Pa == pa);
            if (address is not null && address.Host == host)
            {
                pas.Add(address);
            }
        }

        pas.Sort(RecordDerivation.Order);
        return pas.ToImmutable();
    }
}
