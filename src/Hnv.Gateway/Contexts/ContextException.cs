namespace Hnv.Gateway.Contexts;

/// <summary>A routing context (namespace, links, routes, nftables rules) could not be made or changed; the message says which command and why.</summary>
public sealed class ContextException(string message) : Exception(message);
