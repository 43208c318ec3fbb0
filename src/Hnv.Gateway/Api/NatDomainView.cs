using Hnv.Gateway.Contexts;

namespace Hnv.Gateway.Api;

/// <summary>GET /v1/nat: each domain's connections as its context's conntrack holds them.</summary>
public sealed record NatDomainView(string Rdid, string? Name, string Mode, IReadOnlyList<ConntrackEntry> Connections);
