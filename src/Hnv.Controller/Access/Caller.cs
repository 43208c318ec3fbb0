using Hnv.Client.Access;

namespace Hnv.Controller.Access;

/// <summary>Who made a request: a token's name and role, for an agent token its host, and the token's hash (null when anonymous).</summary>
internal sealed record Caller(string Name, string Role, string? Host, string? TokenHash)
{
    public bool CanRead => Role is TokenRoles.Read or TokenRoles.Write;

    public bool CanWrite => Role == TokenRoles.Write;

    public bool IsAgentOf(string host) => Role == TokenRoles.Agent && string.Equals(Host, host, StringComparison.Ordinal);

    public override string ToString() => Role == TokenRoles.Agent ? $"agent of {Host}" : $"token {Name}";
}
