namespace Hnv.Client.Access;

/// <summary>
/// A bearer token. On create the caller gives <see cref="Name"/> and <see cref="Role"/>; the answer carries
/// <see cref="Secret"/> once (the controller keeps only its hash). <see cref="Host"/> is set for agent tokens.
/// <see cref="RoutingDomains"/> limits a read or write token to those routing domains (a tenant's, a team's).
/// </summary>
public sealed class TokenDocument
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Host { get; set; }

    public string? Secret { get; set; }

    public DateTimeOffset? Created { get; set; }

    /// <summary>The RDIDs the token is limited to: it sees and changes only their subnets, NICs, records and routes. Null: all.</summary>
    public List<string>? RoutingDomains { get; set; }
}
