using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>
/// `hnv gateway add|list|show|set|remove`, with `domain`, `forward` and `nat` beneath: the gateways that join routing
/// domains to the outside, what each serves and how, and (on the gateway's machine) its translations now.
/// </summary>
internal static class GatewayCommand
{
    /// <summary>The gateways' table, with each routing domain by its name where <paramref name="names"/> knows it.</summary>
    public static ResourceView<GatewayDocument> View(IReadOnlyDictionary<string, string> names) => new(
        ClientJsonContext.Default.GatewayDocument,
        ("NAME", g => g.Name),
        ("PRIORITY", g => Names.Text(g.Priority)),
        ("PA", g => Names.Join(g.ProviderAddresses?.Select(a => a.Pa ?? "?"))),
        ("ALIVE", g => g.Alive switch { true => "yes", false => "no", null => null }),
        ("DOMAINS", g => Names.Join(g.Domains?.Select(d => $"{Names.DomainName(names, d.RoutingDomain)} ({d.Mode}{(d.Active == true ? ", active" : "")})"))),
        ("DESCRIPTION", g => g.Description));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("gateway", "Add, list, show, change and remove gateways, the routing domains they serve, their port forwards, and see their NAT.", $"""
            A gateway is a node with a PA, like a host (its credential: 'hnv host credential NAME'). For each routing domain it
            serves, the controller gives every IPv4 subnet a GatewayWildcard record to the domain's active gateway: the alive one
            with the highest priority. When it stops, the records move to the next within a second (docs/gateway.md).

            Examples:
              hnv gateway add gw1 --pa 192.0.2.100/24 --priority 10
              hnv gateway domain add gw1 --routing-domain blue --mode nat --external-address 203.0.113.100
              hnv gateway forward add gw1 --routing-domain blue --protocol tcp --port 8080 --to 10.0.0.11 --to-port 80
              hnv gateway nat list gw1            (on the gateway's machine)

            {ManagementExitCodes.Text}
            """);

        var name = new Argument<string>("NAME") { Description = "The gateway's name (its node's, as in its configuration file)." };
        var pa = new Option<string[]>("--pa") { Description = "A PA of the gateway with its prefix length (192.0.2.100/24); repeatable. Registers its node when new.", AllowMultipleArgumentsPerToken = false };
        var priority = new Option<int?>("--priority") { Description = "Among the alive gateways of a domain the highest is active (default 0)." };
        var description = new Option<string?>("--description") { Description = "A free description." };

        var add = new Command("add", "Add a gateway, registering its node and PAs if they are new.") { name, pa, priority, description };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View(Names.None), await c.Client.CreateGatewayAsync(new GatewayDocument
        {
            Name = r.GetValue(name),
            Priority = r.GetValue(priority),
            Description = r.GetValue(description),
            ProviderAddresses = [.. (r.GetValue(pa) ?? []).Select(ProviderAddress)],
        }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List gateways: their PAs, whether alive, and the domains they serve (active or standby).");
        ManagementRun.SetAction(list, options, async (c, _) =>
            c.WriteList(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), (await c.Client.ListGatewaysAsync(c.Cancellation).ConfigureAwait(false)).Items));

        var show = new Command("show", "Show a gateway.") { name };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.GetGatewayAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false)));

        var setPriority = ManagementOptions.Optional(priority);
        var setDescription = ManagementOptions.Optional(description);
        var set = new Command("set", "Change a gateway's priority or description (what is not given stays).") { name, setPriority, setDescription };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var gateway = await c.Client.GetGatewayAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false);
            c.WriteItem(View(await Names.DomainNamesAsync(c).ConfigureAwait(false)), await c.Client.UpdateGatewayAsync(r.GetValue(name)!, new GatewayDocument
            {
                Name = gateway.Name,
                Priority = r.GetValue(setPriority) ?? gateway.Priority,
                Description = r.GetValue(setDescription) ?? gateway.Description,
            }, c.Cancellation).ConfigureAwait(false));
        });

        var remove = new Command("remove", "Remove a gateway and what it serves (its node, PAs and credential stay: 'hnv host remove').") { name };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteGatewayAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, show, set, remove, GatewayDomainCommands.BuildDomain(options), GatewayDomainCommands.BuildForward(options), GatewayNatCommand.Build(options));
        return verb;
    }

    private static ProviderAddressDocument ProviderAddress(string text)
    {
        var (address, length) = ProviderAddressCommand.SplitCidr(text);
        return new ProviderAddressDocument { Pa = address, PrefixLength = length };
    }
}
