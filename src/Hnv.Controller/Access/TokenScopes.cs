using System.Collections.Immutable;
using Hnv.Policy.Model;

namespace Hnv.Controller.Access;

/// <summary>A scoped token's routing domains as the store keeps them: RDIDs joined with ','.</summary>
internal static class TokenScopes
{
    /// <summary>The most routing domains one token may be limited to.</summary>
    public const int MaxDomains = 64;

    public static string Format(IEnumerable<Rdid> rdids) => string.Join(',', rdids.Select(r => r.ToString()).Order(StringComparer.Ordinal));

    /// <summary>The set, or null for a token that is not limited (null or empty text).</summary>
    public static ImmutableHashSet<Rdid>? Parse(string? text) =>
        string.IsNullOrEmpty(text) ? null : [.. text.Split(',').Select(Rdid.Parse)];
}
