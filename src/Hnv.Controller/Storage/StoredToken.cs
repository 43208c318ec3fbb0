namespace Hnv.Controller.Storage;

/// <summary>A bearer token as stored: never its secret, only the secret's SHA-256 (hex).</summary>
internal sealed record StoredToken(string Name, string Role, string? Host, string Hash, DateTimeOffset Created)
{
    /// <summary>The routing domains a scoped token is limited to, as RDIDs joined with ','; null: not limited.</summary>
    public string? Scope { get; init; }
}
