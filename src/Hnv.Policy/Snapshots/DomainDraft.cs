using System.Diagnostics.CodeAnalysis;
using Hnv.Policy.Model;

namespace Hnv.Policy.Snapshots;

/// <summary>A routing domain's content while a snapshot is built or a delta applied; becomes a <see cref="RoutingDomainView"/>.</summary>
internal sealed class DomainDraft
{
    /// <summary>The domain itself; null while it is absent (removed, or only named by a subnet or route).</summary>
    public RoutingDomain? Domain { get; set; }

    public List<VirtualSubnet> Subnets { get; } = [];

    public List<LookupRecord> Records { get; } = [];

    public List<CustomerRoute> Routes { get; } = [];

    /// <summary>True when the draft holds nothing at all.</summary>
    public bool IsEmpty => Domain is null && Subnets.Count == 0 && Records.Count == 0 && Routes.Count == 0;

    public static DomainDraft From(RoutingDomainView view)
    {
        var draft = new DomainDraft { Domain = view.Domain };
        foreach (var subnet in view.Subnets)
        {
            draft.Subnets.Add(subnet.Subnet);
        }

        draft.Records.AddRange(view.Records);
        draft.Routes.AddRange(view.Routes);
        return draft;
    }

    public RoutingDomainView ToView() => new(Domain ?? ThrowNoDomain(), [.. Subnets], [.. Records], [.. Routes]);

    [DoesNotReturn]
    private static RoutingDomain ThrowNoDomain() =>
        throw new InvalidOperationException("A routing domain draft without its domain passed validation; this is a bug in PolicyRules.");
}
