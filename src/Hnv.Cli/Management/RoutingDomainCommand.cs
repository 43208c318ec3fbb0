using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>`hnv routing-domain add|list|show|set|remove`: a tenant's customer network, the isolation boundary.</summary>
internal static class RoutingDomainCommand
{
    public static readonly ResourceView<RoutingDomainDocument> View = new(
        ClientJsonContext.Default.RoutingDomainDocument,
        ("RDID", d => d.Rdid),
        ("NAME", d => d.Name));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("routing-domain", "Add, list, show, rename and remove routing domains (a tenant's network; RDID).", $"""
            A routing domain is named by its RDID (a GUID) or, where unique, its name.

            Examples:
              hnv routing-domain add blue
              hnv routing-domain list -o json
              hnv routing-domain remove blue

            {ManagementExitCodes.Text}
            """);

        var name = new Argument<string>("NAME") { Description = "The routing domain's name." };
        var rdid = new Option<Guid?>("--rdid") { Description = "The RDID to use (default: the controller assigns one)." };
        var add = new Command("add", "Add a routing domain.") { name, rdid };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View, await c.Client.CreateRoutingDomainAsync(
            new RoutingDomainDocument { Name = r.GetValue(name), Rdid = r.GetValue(rdid)?.ToString() }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List routing domains.");
        ManagementRun.SetAction(list, options, async (c, _) =>
            c.WriteList(View, (await c.Client.ListRoutingDomainsAsync(c.Cancellation).ConfigureAwait(false)).Items));

        var key = new Argument<string>("RDID|NAME") { Description = "The routing domain." };
        var show = new Command("show", "Show a routing domain.") { key };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View, await c.Client.GetRoutingDomainAsync(await Names.RdidAsync(c, r.GetValue(key)!).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false)));

        var newName = new Option<string>("--name") { Description = "The new name.", Required = true };
        var set = new Command("set", "Rename a routing domain.") { key, newName };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var id = await Names.RdidAsync(c, r.GetValue(key)!).ConfigureAwait(false);
            c.WriteItem(View, await c.Client.UpdateRoutingDomainAsync(id, new RoutingDomainDocument { Rdid = id, Name = r.GetValue(newName) }, c.Cancellation)
                .ConfigureAwait(false));
        });

        var remove = new Command("remove", "Remove an empty routing domain (remove its subnets and routes first).") { key };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteRoutingDomainAsync(await Names.RdidAsync(c, r.GetValue(key)!).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, show, set, remove);
        return verb;
    }
}
