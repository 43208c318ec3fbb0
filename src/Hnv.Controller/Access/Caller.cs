using System.Collections.Immutable;
using Hnv.Client.Access;
using Hnv.Policy.Model;

namespace Hnv.Controller.Access;

/// <summary>
/// Who made a request: a token's name and role, for an agent token its host, the token's hash (null when anonymous),
/// and for a scoped token the routing domains it is limited to (<see cref="Scope"/>; null: all).
/// </summary>
internal sealed record Caller(string Name, string Role, string? Host, string? TokenHash)
{
    public ImmutableHashSet<Rdid>? Scope { get; init; }

    public bool CanRead => Role is TokenRoles.Read or TokenRoles.Write;

    public bool CanWrite => Role == TokenRoles.Write;

    public bool IsScoped => Scope is not null;

    /// <summary>Whether the caller may see and (with its role) change routing domain <paramref name="rdid"/>'s items.</summary>
    public bool Reaches(Rdid rdid) => Scope is null || Scope.Contains(rdid);

    public bool IsAgentOf(string host) => Role == TokenRoles.Agent && string.Equals(Host, host, StringComparison.Ordinal);

    public override string ToString() => Role == TokenRoles.Agent ? $"agent of {Host}" : $"token {Name}";
}
