using System.Globalization;
using System.Text.Json;
using Hnv.Client.Gateway;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.Lab.Fabric;

public partial class LabBuilder
{
    private string OutsideNamespace => LabNames.Prefixed(_topology.Name, LabOutside.Suffix);

    /// <summary>The gateway configuration of <paramref name="gateway"/>: its PA, the controller (which says what it serves), ext0 and BGP.</summary>
    public GatewayConfig GatewayConfigFor(LabGateway gateway) => new()
    {
        Name = gateway.Name,
        Underlay = UnderlayConfigFor(gateway.Node()),
        Controller = ControllerConfigFor(gateway.Name),
        External = new ExternalConfig { Interface = "ext0", Router = LabOutside.Router },
        Bgp = new BgpConfig
        {
            Asn = LabOutside.GatewayAsn(_topology.Gateways.IndexOf(gateway)),
            RouterId = LabPolicy.Address(gateway.ExternalLinkAddress).ToString(),
            Neighbors = [new BgpNeighborConfig { Address = LabOutside.Router, Asn = LabOutside.RouterAsn }],
            Directory = _paths.GatewayFrr(gateway.Name),
        },
        ContextPrefix = gateway.ContextPrefix,
        ApiSocket = _paths.ApiSocket(gateway.Name),
        Metrics = MetricsAddress,
    };

    /// <summary>How <paramref name="gateway"/> serves <paramref name="domain"/>, as the controller takes it (`hnv gateway domain add`).</summary>
    public static Client.Resources.GatewayDomainDocument GatewayDomainFor(LabGateway gateway, LabGatewayDomain domain) => new()
    {
        RoutingDomain = domain.Rdid,
        Mode = domain.Mode,
        ExternalAddresses = domain.Mode == "nat" ? [gateway.ExternalAddress] : [],
        Forwards = domain.Forwards.ConvertAll(f => new PortForwardConfig { Protocol = f.Protocol, Port = f.Port, To = f.To, ToPort = f.ToPort }),
    };

    /// <summary>
    /// The outside network (<see cref="LabOutside"/>): its namespace with a bridge holding the router's, the DNS server's and
    /// the web server's addresses, one link per gateway (ext0 on the gateway's side), and the router (FRR, which learns
    /// forward domains' prefixes from the gateways) and the two servers.
    /// </summary>
    private void BuildOutside()
    {
        var outside = OutsideNamespace;
        AddNamespace(outside);
        _ip.Ip("-n", outside, "link", "set", "lo", "up");
        _ip.Ip("-n", outside, "link", "add", LabOutside.Bridge, "type", "bridge");
        foreach (var address in new[] { LabOutside.Router, LabOutside.Dns, LabOutside.Web })
        {
            _ip.Ip("-n", outside, "addr", "add", $"{address}/{LabOutside.PrefixLength.ToString(CultureInfo.InvariantCulture)}", "dev", LabOutside.Bridge);
        }

        _ip.Ip("-n", outside, "link", "set", LabOutside.Bridge, "up");
        for (var i = 0; i < _topology.Gateways.Count; i++)
        {
            var gateway = _topology.Gateways[i];
            _ip.Ip("-n", outside, "link", "add", gateway.Name, "type", "veth", "peer", "name", "ext0", "netns", gateway.Namespace);
            _ip.Ip("-n", outside, "link", "set", gateway.Name, "master", LabOutside.Bridge, "up");
            _ip.Ip("-n", gateway.Namespace, "addr", "add", gateway.ExternalLinkAddress, "dev", "ext0");
            _ip.Ip("-n", gateway.Namespace, "link", "set", "ext0", "up");
        }

        StartOutsideServices(outside);
    }

    /// <summary>
    /// The router's FRR (zebra, which installs what bgpd learns, as the frr user; bgpd), dnsmasq answering
    /// <see cref="LabOutside.WebName"/> (and nothing else) and Python's HTTP server with one page.
    /// </summary>
    private void StartOutsideServices(string outside)
    {
        var frr = _paths.OutsideFrr;
        Directory.CreateDirectory(frr);
        _ip.Run("chown", ["frr:frr", frr]);
        var config = Path.Combine(frr, "frr.conf");
        File.WriteAllText(config, LabOutside.RouterConfig);
        var zserv = Path.Combine(frr, "zserv.api");
        LabProcess.Start(outside, ["/usr/lib/frr/zebra"], ["-f", config, "-i", Path.Combine(frr, "zebra.pid"), "--vty_socket", frr, "-z", zserv, "--log", "stdout"],
            _paths.OutsideLog("zebra"));
        var zebraReady = WaitFor(() => File.Exists(zserv), () => null, out _);
        if (!zebraReady)
        {
            throw new LabException($"The outside router's zebra did not open {zserv}.\n{LabProcess.Tail(_paths.OutsideLog("zebra"))}");
        }

        LabProcess.Start(outside, ["/usr/lib/frr/bgpd"], ["-S", "-f", config, "-i", Path.Combine(frr, "bgpd.pid"), "--vty_socket", frr, "-z", zserv, "--log", "stdout"],
            _paths.OutsideLog("bgpd"));
        Directory.CreateDirectory(_paths.OutsideWeb);
        File.WriteAllText(Path.Combine(_paths.OutsideWeb, "index.html"), LabOutside.Page);
        LabProcess.Start(outside, ["dnsmasq"], [
            "--keep-in-foreground", "--no-resolv", "--no-hosts", "--log-queries", "--log-facility=-", "--pid-file=",
            "--bind-interfaces", $"--listen-address={LabOutside.Dns}", $"--address=/{LabOutside.WebName}/{LabOutside.Web}",
        ], _paths.OutsideLog("dns"));
        LabProcess.Start(outside, ["python3"], ["-m", "http.server", "80", "--bind", LabOutside.Web, "--directory", _paths.OutsideWeb], _paths.OutsideLog("web"));
    }

    private void StartGateways()
    {
        foreach (var gateway in _topology.Gateways)
        {
            var config = _paths.GatewayConfig(gateway.Name);
            WriteFile(config, JsonSerializer.Serialize(GatewayConfigFor(gateway), LabJsonContext.Default.GatewayConfig));
            var log = _paths.AgentLog(gateway.Name);
            File.WriteAllText(log, $"# hnv lab up: {string.Join(' ', _gateway)} --config {config} in {gateway.Namespace}\n");
            var pid = LabProcess.Start(gateway.Namespace, _gateway, ["--config", config], log, networkOnly: true);
            _state.Gateways.Add(new LabGatewayState { Name = gateway.Name, Pid = pid, Config = config, Log = log, Command = [.. _gateway, "--config", config] });
            Save();
        }
    }

    /// <summary>Waits until every gateway's routing contexts route their domain's prefixes toward the VMs (so traffic can come back).</summary>
    /// <remarks>BGP's first announcement takes a few seconds (the session's open and keepalive exchange).</remarks>
    private void WaitForGatewayRoutes()
    {
        if (_topology.Gateways.Count == 0)
        {
            return;
        }

        _progress.Write($"Waiting for {_topology.Gateways.Count} gateway(s) to route their domains ");
        var contexts = _topology.Gateways.SelectMany(g => g.Domains.Select(d => (Gateway: g, Namespace: g.ContextPrefix + d.Rdid))).ToList();
        // And until the outside router learned every forward domain's IPv4 prefixes over BGP, so the way in works too.
        var announced = _topology.Gateways.SelectMany(g => g.Domains).Where(d => d.Mode == "forward")
            .SelectMany(d => _topology.RoutingDomains.Find(r => r.Name == d.RoutingDomain)!.Subnets.SelectMany(s => s.Prefixes))
            .Where(p => !p.Contains(':', StringComparison.Ordinal)).ToList();
        var ready = WaitFor(
            () => contexts.TrueForAll(c => _ip.TryRun("ip", ["-n", c.Namespace, "route", "show", "dev", "vnet"], out var routes, out _) && routes.Trim().Length > 0)
                && (announced.Count == 0 || (_ip.TryRun("ip", ["-n", OutsideNamespace, "route"], out var outside, out _)
                    && announced.TrueForAll(p => outside.Contains(p + " ", StringComparison.Ordinal)))),
            () => _state.Gateways.Find(g => !LabProcess.IsRunning(g.Pid)) is { } dead ? $"The gateway {dead.Name} (pid {dead.Pid.ToString(CultureInfo.InvariantCulture)}) exited." : null,
            out var failure);
        _progress.WriteLine(ready ? " ready." : " failed.");
        if (!ready)
        {
            var logs = string.Join("\n", _topology.Gateways.Select(g => $"The last lines of {_paths.AgentLog(g.Name)}:\n{LabProcess.Tail(_paths.AgentLog(g.Name))}"));
            throw new LabException($"{failure ?? "The gateways' routing contexts did not get their routes (or the outside router its BGP routes) in time."}\n{logs}");
        }
    }
}
