namespace Hnv.Gateway.Api;

/// <summary>GET /v1/status: the gateway, the policy it forwards with, its domains, and what BGP announces.</summary>
public sealed record GatewayStatusView(string Name, long Revision, string PolicySource, IReadOnlyList<string> ProviderAddresses, string ExternalInterface,
    double UptimeSeconds, IReadOnlyList<GatewayDomainView> Domains, IReadOnlyList<string>? Announced);
