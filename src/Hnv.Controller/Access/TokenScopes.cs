using System.Collections.Immutable;
using Hnv.Policy.Model;

namespace Hnv.Controller.Access;

/// <summary>
/// A scoped token's routing domains as the store keeps them: RDIDs joined with ','. Its role is stored with
/// <see cref="StoredRoleSuffix"/> ("write-scoped"), which a controller that does not know scopes reads as an unknown role
/// and refuses everything, so a limited token is never unlimited on an older replica during an upgrade.
/// </summary>
internal static class TokenScopes
{
    /// <summary>The most routing domains one token may be limited to.</summary>
    public const int MaxDomains = 64;

    public const string StoredRoleSuffix = "-scoped";

    public static string Format(IEnumerable<Rdid> rdids) => string.Join(',', Texts(rdids));

    /// <summary>The RDIDs as the API lists them, in order.</summary>
    public static List<string> Texts(IEnumerable<Rdid> rdids) => [.. rdids.Select(r => r.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The set, or null for a token that is not limited (no scope stored at all). Text that does not read as RDIDs gives
    /// the empty set: a damaged scope reaches nothing rather than everything.
    /// </summary>
    public static ImmutableHashSet<Rdid>? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var rdids = ImmutableHashSet.CreateBuilder<Rdid>();
        foreach (var part in text.Split(','))
        {
            if (!Rdid.TryParse(part, out var rdid))
            {
                return [];
            }

            rdids.Add(rdid);
        }

        return rdids.ToImmutable();
    }
}
