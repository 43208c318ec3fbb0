namespace Hnv.Controller.Access;

/// <summary>
/// Endpoint metadata: a token limited to routing domains may call the endpoint, which shows and changes only what lies in
/// them (<see cref="Api.TenantScope"/>). Without it a scoped token gets 403: hosts, provider addresses, gateways, tokens,
/// status and watches are the operators' (closed by default).
/// </summary>
internal sealed record ScopedAccess;
