namespace Hnv.Controller.Storage;

/// <summary>A bearer token as stored: never its secret, only the secret's SHA-256 (hex).</summary>
internal sealed record StoredToken(string Name, string Role, string? Host, string Hash, DateTimeOffset Created);
