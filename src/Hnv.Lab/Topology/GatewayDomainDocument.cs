namespace Hnv.Lab.Topology;

/// <summary>A routing domain a lab gateway serves, as written: its name, nat (the default) or forward, and port forwards.</summary>
public sealed class GatewayDomainDocument
{
    public string? RoutingDomain { get; set; }

    public string? Mode { get; set; }

    public List<ForwardDocument?>? Forwards { get; set; }
}
