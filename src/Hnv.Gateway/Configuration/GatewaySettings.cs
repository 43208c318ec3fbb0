using System.Collections.Immutable;
using Hnv.Client.Gateway;
using Hnv.NodeRuntime.Configuration;
using Hnv.NodeRuntime.Policy;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Configuration;

/// <summary>A validated <see cref="Client.Gateway.GatewayConfig"/>. <see cref="Domains"/> are the file's (with a controller, it gives them).</summary>
public sealed record GatewaySettings(
    string Name,
    UnderlaySettings Underlay,
    string? PolicyFile,
    ControllerSourceSettings? Controller,
    string ExternalInterface,
    IpAddress? ExternalRouter,
    string ContextPrefix,
    ImmutableArray<GatewayDomain> Domains)
{
    /// <summary>Where the local API listens (a Unix socket).</summary>
    public string ApiSocket { get; init; } = "/run/hnv/gateway.sock";

    /// <summary>Where Prometheus scrapes the gateway (null: no metrics listener).</summary>
    public System.Net.IPEndPoint? Metrics { get; init; }

    /// <summary>BGP toward the outside (null: nothing is announced).</summary>
    public BgpSettings? Bgp { get; init; }

    /// <summary>How often the gateway tells the controller it is alive (the controller's failover follows it).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the policy comes from, as the policy sources take it.</summary>
    public PolicySourceSettings PolicySource => new(Name, PolicyFile, Controller) { ReportInterval = ReportInterval };
}
