using System.CommandLine;
using Hnv.Client.Gateway;
using Hnv.Client.Json;
using Hnv.Client.Resources;

namespace Hnv.Cli.Management;

/// <summary>`hnv gateway domain add|list|show|set|remove` and `hnv gateway forward add|list|remove`.</summary>
internal static class GatewayDomainCommands
{
    /// <summary>The served domains' table, each routing domain by its name where <paramref name="names"/> knows it.</summary>
    public static ResourceView<GatewayDomainDocument> View(IReadOnlyDictionary<string, string> names) => new(
        ClientJsonContext.Default.GatewayDomainDocument,
        ("GATEWAY", d => d.Gateway),
        ("ROUTING DOMAIN", d => Names.DomainName(names, d.RoutingDomain)),
        ("MODE", d => d.Mode),
        ("EXTERNAL", d => Names.Join(d.ExternalAddresses)),
        ("FORWARDS", d => Names.Join(d.Forwards?.Select(Forward))),
        ("ACTIVE", d => d.Active switch { true => "yes", false => "no (standby)", null => null }));

    private static ResourceView<GatewayForwardRow> ForwardView(IReadOnlyDictionary<string, string> names) => new(
        ManagementJsonContext.Default.GatewayForwardRow,
        ("ROUTING DOMAIN", f => Names.DomainName(names, f.RoutingDomain)),
        ("PROTOCOL", f => f.Protocol),
        ("PORT", f => Names.Text(f.Port)),
        ("TO", f => $"{f.To}:{Names.Text(f.ToPort)}"));

    private static Argument<string> GatewayArgument() => new("GATEWAY") { Description = "The gateway." };

    private static Option<string> RoutingDomainOption() => new("--routing-domain") { Description = "The routing domain, by RDID or name.", Required = true };

    public static Command BuildDomain(ManagementOptions options)
    {
        var gateway = GatewayArgument();
        var domain = RoutingDomainOption();
        var mode = new Option<string>("--mode") { Description = "nat (the default): leave from the external addresses; forward: routed unchanged and announced over BGP.", DefaultValueFactory = _ => "nat" };
        mode.AcceptOnlyFromAmong("nat", "forward");
        var external = new Option<string[]>("--external-address") { Description = "An address the domain leaves from (nat); repeatable." };

        var add = new Command("add", "Serve a routing domain through the gateway.") { gateway, domain, mode, external };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.CreateGatewayDomainAsync(r.GetValue(gateway)!, new GatewayDomainDocument
        {
            RoutingDomain = await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false),
            Mode = r.GetValue(mode),
            ExternalAddresses = [.. r.GetValue(external) ?? []],
        }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List the routing domains a gateway serves.") { gateway };
        ManagementRun.SetAction(list, options, async (c, r) =>
            c.WriteList(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), (await c.Client.ListGatewayDomainsAsync(r.GetValue(gateway)!, c.Cancellation).ConfigureAwait(false)).Items));

        var show = new Command("show", "Show how a gateway serves a routing domain.") { gateway, domain };
        ManagementRun.SetAction(show, options, async (c, r) => c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.GetGatewayDomainAsync(
            r.GetValue(gateway)!, await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false)));

        var setExternal = ManagementOptions.Required(external);
        var set = new Command("set", "Change the external addresses of a nat domain (its forwards stay).") { gateway, domain, setExternal };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var rdid = await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false);
            var served = await c.Client.GetGatewayDomainAsync(r.GetValue(gateway)!, rdid, c.Cancellation).ConfigureAwait(false);
            served.Active = null;
            served.ExternalAddresses = [.. r.GetValue(setExternal) ?? []];
            c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.UpdateGatewayDomainAsync(r.GetValue(gateway)!, rdid, served, c.Cancellation).ConfigureAwait(false));
        });

        var remove = new Command("remove", "Stop serving a routing domain through the gateway.") { gateway, domain };
        ManagementRun.SetAction(remove, options, async (c, r) => await c.Client.DeleteGatewayDomainAsync(
            r.GetValue(gateway)!, await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false));

        var command = new Command("domain", "The routing domains a gateway serves, and how.");
        foreach (var subcommand in new[] { add, list, show, set, remove })
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static Command BuildForward(ManagementOptions options)
    {
        var gateway = GatewayArgument();
        var domain = RoutingDomainOption();
        var protocol = new Option<string>("--protocol") { Description = "tcp or udp.", Required = true };
        protocol.AcceptOnlyFromAmong("tcp", "udp");
        var port = new Option<int>("--port") { Description = "The external port, on the domain's first external address.", Required = true };
        var to = new Option<string>("--to") { Description = "The VM's IPv4 CA.", Required = true };
        var toPort = new Option<int?>("--to-port") { Description = "The VM's port (default: --port)." };

        var add = new Command("add", "Forward an external port of a nat domain to a VM.") { gateway, domain, protocol, port, to, toPort };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.AddGatewayForwardAsync(
            r.GetValue(gateway)!, await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false),
            new PortForwardConfig { Protocol = r.GetValue(protocol), Port = r.GetValue(port), To = r.GetValue(to), ToPort = r.GetValue(toPort) }, c.Cancellation)
            .ConfigureAwait(false)));

        var list = new Command("list", "List a gateway's port forwards.") { gateway };
        ManagementRun.SetAction(list, options, async (c, r) => c.WriteList(ForwardView(await Names.DomainNamesAsync(c).ConfigureAwait(false)),
            (await c.Client.ListGatewayDomainsAsync(r.GetValue(gateway)!, c.Cancellation).ConfigureAwait(false)).Items
            .SelectMany(d => (d.Forwards ?? []).Select(f => new GatewayForwardRow { RoutingDomain = d.RoutingDomain, Protocol = f.Protocol, Port = f.Port, To = f.To, ToPort = f.ToPort }))));

        var remove = new Command("remove", "Stop forwarding an external port.") { gateway, domain, protocol, port };
        ManagementRun.SetAction(remove, options, async (c, r) => await c.Client.RemoveGatewayForwardAsync(
            r.GetValue(gateway)!, await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false), r.GetValue(protocol)!, r.GetValue(port), c.Cancellation)
            .ConfigureAwait(false));

        var command = new Command("forward", "Port forwards: an external port of a nat domain leads to a VM's CA and port.");
        foreach (var subcommand in new[] { add, list, remove })
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    private static string Forward(PortForwardConfig f) => $"{f.Protocol} {Names.Text(f.Port)}->{f.To}:{Names.Text(f.ToPort)}";
}
