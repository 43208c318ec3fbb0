using Hnv.Gateway.Contexts;

namespace Hnv.Gateway.Api;

/// <summary>GET /v1/status: the gateway, the policy it forwards with, its domains, and what BGP announces.</summary>
public sealed record GatewayStatusView(string Host, long Revision, string PolicySource, IReadOnlyList<string> ProviderAddresses, string ExternalInterface,
    double UptimeSeconds, IReadOnlyList<GatewayDomainView> Domains, IReadOnlyList<string>? Announced);

/// <summary>One served domain: its name in policy (null until policy has it), mode, routing context and what it routes and translates.</summary>
public sealed record GatewayDomainView(string Rdid, string? Name, string Mode, string Namespace, string Transit, IReadOnlyList<string> ExternalAddresses,
    IReadOnlyList<string> Forwards, IReadOnlyList<string> Routes);

/// <summary>GET /v1/nat: each domain's connections as its context's conntrack holds them.</summary>
public sealed record NatDomainView(string Rdid, string? Name, string Mode, IReadOnlyList<ConntrackEntry> Connections);
