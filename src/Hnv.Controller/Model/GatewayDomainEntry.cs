using Hnv.Client.Gateway;

namespace Hnv.Controller.Model;

/// <summary>A routing domain <see cref="Gateway"/> serves, and how (<see cref="GatewayDomain"/>, the gateway file's model).</summary>
internal sealed record GatewayDomainEntry(string Gateway, GatewayDomain Domain)
{
    /// <summary>Its store key.</summary>
    public string Key => ResourceKeys.GatewayDomain(Gateway, Domain.Rdid);
}
