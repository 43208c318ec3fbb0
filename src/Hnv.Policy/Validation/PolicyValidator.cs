using System.Collections.Immutable;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;

namespace Hnv.Policy.Validation;

/// <summary>
/// Turns an operator's <see cref="PolicyDocument"/> into a validated <see cref="PolicySet"/>, or says everything
/// that is wrong with it: each item is read by <see cref="PolicyItemReader"/> (bad GUID, address, prefix, MAC,
/// VSID, name ...), then the items that could be read are checked against <see cref="PolicyRules"/> with their
/// document paths.
/// </summary>
public static class PolicyValidator
{
    /// <summary>Validates; <paramref name="set"/> is non-null exactly when the returned list is empty.</summary>
    public static IReadOnlyList<PolicyProblem> Validate(PolicyDocument document, out PolicySet? set)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<PolicyProblem>();
        var reader = new PolicyItemReader(problems);
        var paths = new DocumentPaths();

        var candidate = new PolicySet(
            ReadAll(document.RoutingDomains, PolicyKind.RoutingDomain, (at, d) => at.Read(d)),
            ReadAll(document.VirtualSubnets, PolicyKind.VirtualSubnet, (at, s) => at.Read(s)),
            ReadAll(document.LookupRecords, PolicyKind.LookupRecord, (at, r) => at.Read(r)),
            ReadAll(document.CustomerRoutes, PolicyKind.CustomerRoute, (at, c) => at.Read(c)),
            ReadAll(document.ProviderAddresses, PolicyKind.ProviderAddress, (at, a) => at.Read(a)),
            ReadAll(document.ProviderRoutes, PolicyKind.ProviderRoute, (at, r) => at.Read(r)));

        // A field the reader already found wrong is not reported again by the rules (the reader's sentence stands).
        var readFields = problems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        var ruleProblems = new List<PolicyProblem>();
        PolicyRules.Check(candidate, paths, ruleProblems);
        problems.AddRange(ruleProblems.Where(p => !readFields.Contains(p.Field)));
        set = problems.Count == 0 ? candidate : null;
        return problems;

        // Reads each item of one list, noting which document item each read item came from.
        ImmutableArray<TItem> ReadAll<TDocument, TItem>(IReadOnlyList<TDocument?>? documents, PolicyKind kind, Func<PolicyItemReader, TDocument?, TItem?> read)
            where TDocument : class
            where TItem : class
        {
            var items = ImmutableArray.CreateBuilder<TItem>();
            for (var i = 0; i < (documents?.Count ?? 0); i++)
            {
                if (read(reader.At($"{PolicyPaths.ListName(kind)}[{i}]"), documents![i]) is { } item)
                {
                    items.Add(item);
                    paths.Add(kind, i);
                }
            }

            return items.ToImmutable();
        }
    }
}
