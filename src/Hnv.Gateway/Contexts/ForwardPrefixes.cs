using Hnv.Client.Gateway;
using Hnv.Policy.Model;
using Hnv.Policy.Snapshots;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Contexts;

/// <summary>
/// What the gateway routes to its forward domains in its own namespace and announces over BGP: each forward domain's
/// subnets' IPv4 prefixes (not its customer routes, which could reach past the domain). A prefix that overlaps another
/// forward domain's, or the transit space, is neither routed nor announced: two domains may use the same CAs, but only
/// one can be reached at them from outside, and policy says nothing about which.
/// </summary>
public sealed class ForwardPrefixes
{
    private static readonly IpPrefix TransitSpace = IpPrefix.Parse("100.64.0.0/10");
    private readonly Dictionary<Rdid, HashSet<IpPrefix>> _byDomain;

    private ForwardPrefixes(Dictionary<Rdid, HashSet<IpPrefix>> byDomain, List<RefusedPrefix> refused)
    {
        _byDomain = byDomain;
        Refused = refused;
        All = byDomain.Values.SelectMany(p => p).ToHashSet();
    }

    /// <summary>Every routable prefix of every forward domain.</summary>
    public IReadOnlySet<IpPrefix> All { get; }

    /// <summary>The prefixes left out, with why.</summary>
    public IReadOnlyList<RefusedPrefix> Refused { get; }

    /// <summary>The routable prefixes of one forward domain.</summary>
    public IReadOnlySet<IpPrefix> Of(Rdid rdid) => _byDomain.TryGetValue(rdid, out var prefixes) ? prefixes : new HashSet<IpPrefix>();

    /// <summary>Works them out from <paramref name="policy"/> for the forward domains among <paramref name="contexts"/>.</summary>
    public static ForwardPrefixes Of(PolicySnapshot policy, IEnumerable<RoutingContext> contexts)
    {
        var candidates = new List<(Rdid Rdid, IpPrefix Prefix)>();
        foreach (var context in contexts.Where(c => c.Domain.Mode == GatewayMode.Forward))
        {
            if (policy.TryGetRoutingDomain(context.Domain.Rdid, out var domain))
            {
                candidates.AddRange(domain.Subnets.SelectMany(s => s.Prefixes).Where(p => !p.IsV6).Select(p => (context.Domain.Rdid, p)));
            }
        }

        var byDomain = new Dictionary<Rdid, HashSet<IpPrefix>>();
        var refused = new List<RefusedPrefix>();
        foreach (var (rdid, prefix) in candidates)
        {
            if (prefix.Overlaps(TransitSpace))
            {
                refused.Add(new RefusedPrefix(rdid, prefix, $"it overlaps the gateway's transit space {TransitSpace}"));
            }
            else if (candidates.FindIndex(c => c.Rdid != rdid && c.Prefix.Overlaps(prefix)) is var clash and >= 0)
            {
                refused.Add(new RefusedPrefix(rdid, prefix, $"forward domain {candidates[clash].Rdid} has {candidates[clash].Prefix}, which overlaps it"));
            }
            else
            {
                (byDomain.TryGetValue(rdid, out var set) ? set : byDomain[rdid] = []).Add(prefix);
            }
        }

        return new ForwardPrefixes(byDomain, refused);
    }
}
