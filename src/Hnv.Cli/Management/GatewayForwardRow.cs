namespace Hnv.Cli.Management;

/// <summary>One port forward as `hnv gateway forward list` shows it: the domain's, flattened.</summary>
internal sealed class GatewayForwardRow
{
    public string? RoutingDomain { get; init; }

    public string? Protocol { get; init; }

    public int? Port { get; init; }

    public string? To { get; init; }

    public int? ToPort { get; init; }
}
