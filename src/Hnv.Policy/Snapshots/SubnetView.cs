using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Snapshots;

/// <summary>A virtual subnet as the forwarding pipeline reads it: its prefixes, default routers and gateway records.</summary>
public sealed class SubnetView
{
    private readonly LookupRecord? _wildcardV4;
    private readonly LookupRecord? _wildcardV6;

    internal SubnetView(VirtualSubnet subnet, RoutingDomainView domain, LookupRecord? wildcardV4, LookupRecord? wildcardV6)
    {
        Subnet = subnet;
        Domain = domain;
        _wildcardV4 = wildcardV4;
        _wildcardV6 = wildcardV6;
    }

    /// <summary>The validated model this view was built from.</summary>
    public VirtualSubnet Subnet { get; }

    public Vsid Vsid => Subnet.Vsid;

    public Rdid Rdid => Subnet.Rdid;

    public string? Name => Subnet.Name;

    public ImmutableArray<IpPrefix> Prefixes => Subnet.Prefixes;

    /// <summary>One default router address per prefix, in the same order.</summary>
    public ImmutableArray<IpAddress> DefaultRouters => Subnet.DefaultRouters;

    /// <summary>The routing domain this subnet belongs to.</summary>
    public RoutingDomainView Domain { get; }

    /// <summary>True when <paramref name="address"/> is one of this subnet's default router addresses.</summary>
    public bool IsRouterAddress(IpAddress address)
    {
        var routers = Subnet.DefaultRouters;
        for (var i = 0; i < routers.Length; i++)
        {
            if (routers[i] == address)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="address"/> lies inside one of this subnet's prefixes.</summary>
    public bool ContainsOnLink(IpAddress address)
    {
        var prefixes = Subnet.Prefixes;
        for (var i = 0; i < prefixes.Length; i++)
        {
            if (prefixes[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The GatewayWildcard record of this subnet for IPv6 or IPv4, if it has one.</summary>
    public bool TryGetGatewayWildcard(bool v6, [MaybeNullWhen(false)] out LookupRecord record)
    {
        record = v6 ? _wildcardV6 : _wildcardV4;
        return record is not null;
    }
}
