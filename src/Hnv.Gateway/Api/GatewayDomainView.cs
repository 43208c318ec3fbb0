namespace Hnv.Gateway.Api;

/// <summary>One served domain: its name in policy (null until policy has it), mode, routing context and what it routes and translates.</summary>
public sealed record GatewayDomainView(string Rdid, string? Name, string Mode, string Namespace, string Transit, IReadOnlyList<string> ExternalAddresses,
    IReadOnlyList<string> Forwards, IReadOnlyList<string> Routes);
