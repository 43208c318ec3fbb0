namespace Hnv.Client.Access;

/// <summary>
/// What a bearer token may do. Operators are "read" (every GET) or "write" (everything); an "agent" token
/// belongs to one host and may only watch that host's view and report that host's status.
/// </summary>
public static class TokenRoles
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Agent = "agent";
}
