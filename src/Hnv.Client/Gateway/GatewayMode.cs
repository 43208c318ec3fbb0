namespace Hnv.Client.Gateway;

/// <summary>What a gateway does with a routing domain's traffic to and from the outside.</summary>
public enum GatewayMode
{
    /// <summary>Source NAT to the gateway's external addresses, plus inbound port forwards; the domain's prefixes stay private.</summary>
    Nat,

    /// <summary>Routed both ways unchanged: the domain's prefixes are routable outside (and announced there).</summary>
    Forward,
}
