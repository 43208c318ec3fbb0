using Hnv.Client.Agent;

namespace Hnv.Client.Gateway;

/// <summary>
/// The gateway's configuration file (JSON, camelCase), as operators and `hnv lab` write it:
/// <code>
/// { "name": "gw1",
///   "underlay": { "interface": "eth0", "mtu": 1500, "providerAddresses": ["192.0.2.100"] },
///   "controller": { "address": "https://ctl:8443", "tokenFile": "/etc/hnv/gw1.token" },
///   "external": { "interface": "ext0", "router": "203.0.113.1" },
///   "contextPrefix": "gw1-",
///   "bgp": { "asn": 65001, "neighbors": [ { "address": "203.0.113.1", "asn": 65000 } ] },
///   "domains": [
///     { "routingDomain": "aaaaaaaa-0000-0000-0000-000000000001", "mode": "nat", "externalAddresses": ["203.0.113.10"],
///       "forwards": [ { "protocol": "tcp", "port": 8080, "to": "10.0.0.10", "toPort": 80 } ] },
///     { "routingDomain": "bbbbbbbb-0000-0000-0000-000000000002", "mode": "forward" } ] }
/// </code>
/// The controller (or policyFile) gives the gateway its policy as to any host: the routing domains whose
/// GatewayWildcard records name its PA. <see cref="Domains"/> says what to do with each one's outside traffic.
/// </summary>
public sealed class GatewayConfig
{
    /// <summary>The gateway's name; the controller keeps its PA and credential under it (in /hosts, for now).</summary>
    public string? Name { get; set; }

    public UnderlayConfig? Underlay { get; set; }

    /// <summary>The policy document to forward with, instead of <see cref="Controller"/>.</summary>
    public string? PolicyFile { get; set; }

    public ControllerConfig? Controller { get; set; }

    public ExternalConfig? External { get; set; }

    /// <summary>
    /// The start of the names of the network namespaces the gateway makes, one per routing domain (default "NAME-"):
    /// so two gateways on one machine (a lab) keep apart, and teardown finds exactly its own.
    /// </summary>
    public string? ContextPrefix { get; set; }

    /// <summary>Where the local API listens (a Unix socket; default /run/hnv/NAME.gateway.sock).</summary>
    public string? ApiSocket { get; set; }

    /// <summary>Where Prometheus scrapes the gateway's metrics, IP:PORT (left out: no metrics listener).</summary>
    public string? Metrics { get; set; }

    /// <summary>BGP toward the outside, announcing forward domains' prefixes (left out: nothing is announced).</summary>
    public BgpConfig? Bgp { get; set; }

    /// <summary>The routing domains this gateway serves, and how.</summary>
    public List<GatewayDomainConfig> Domains { get; set; } = [];
}
