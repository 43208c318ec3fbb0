using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>`hnv subnet add|list|show|set|remove`: virtual subnets (VSID) of a routing domain.</summary>
internal static class SubnetCommand
{
    public static readonly ResourceView<VirtualSubnetDocument> View = new(
        ClientJsonContext.Default.VirtualSubnetDocument,
        ("VSID", s => Names.Text(s.Vsid)),
        ("NAME", s => s.Name),
        ("RDID", s => s.Rdid),
        ("PREFIXES", s => Names.Join(s.Prefixes)),
        ("ROUTERS", s => Names.Join(s.DefaultRouters)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("subnet", "Add, list, show, change and remove virtual subnets (VSID) of routing domains.", $"""
            A VSID is 4096 to 16777214 (0-4095 and 0xFFFFFF are reserved by RFC 7637). Each subnet has one IPv4
            and/or one IPv6 prefix; its default router (the address every host answers
            for) defaults to the prefix's first address.

            Examples:
              hnv subnet add 5001 --routing-domain blue --prefix 10.0.0.0/24 --prefix fd00:1::/64
              hnv subnet list --routing-domain blue
              hnv subnet set 5001 --name web

            {ManagementExitCodes.Text}
            """);

        var vsid = new Argument<long>("VSID") { Description = "The virtual subnet id." };
        var domain = new Option<string>("--routing-domain", "-r") { Description = "The routing domain (RDID or name)." };
        var prefixes = new Option<string[]>("--prefix") { Description = "A prefix of the subnet (repeat for IPv4 and IPv6)." };
        // "--gateway" is the name it had before "gateway" came to mean only the gateway node.
        var routers = new Option<string[]>("--default-router", "--gateway") { Description = "The default router address of a prefix (default: its first address)." };
        var name = new Option<string?>("--name") { Description = "A name for the subnet." };

        var addDomain = ManagementOptions.Required(domain);
        var addPrefixes = ManagementOptions.Required(prefixes);
        var add = new Command("add", "Add a virtual subnet.") { vsid, addDomain, addPrefixes, routers, name };
        ManagementRun.SetAction(add, options, async (c, r) =>
        {
            var subnet = new VirtualSubnetDocument
            {
                Vsid = r.GetValue(vsid),
                Rdid = await Names.RdidAsync(c, r.GetValue(addDomain)!).ConfigureAwait(false),
                Name = r.GetValue(name),
                Prefixes = [.. r.GetValue(addPrefixes) ?? []],
                DefaultRouters = r.GetValue(routers) is { Length: > 0 } given ? [.. given] : null,
            };
            c.WriteItem(View, await c.Client.CreateVirtualSubnetAsync(subnet, c.Cancellation).ConfigureAwait(false));
        });

        var list = new Command("list", "List virtual subnets.") { domain };
        ManagementRun.SetAction(list, options, async (c, r) =>
        {
            var rdid = r.GetValue(domain) is { } given ? await Names.RdidAsync(c, given).ConfigureAwait(false) : null;
            c.WriteList(View, (await c.Client.ListVirtualSubnetsAsync(rdid, c.Cancellation).ConfigureAwait(false)).Items);
        });

        var show = new Command("show", "Show a virtual subnet.") { vsid };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View, await c.Client.GetVirtualSubnetAsync(r.GetValue(vsid), c.Cancellation).ConfigureAwait(false)));

        var set = new Command("set", "Change a subnet's name, prefixes or default routers (a list given replaces the old one).") { vsid, prefixes, routers, name };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var subnet = await c.Client.GetVirtualSubnetAsync(r.GetValue(vsid), c.Cancellation).ConfigureAwait(false);
            subnet.Name = r.GetValue(name) ?? subnet.Name;
            subnet.Prefixes = r.GetValue(prefixes) is { Length: > 0 } newPrefixes ? [.. newPrefixes] : subnet.Prefixes;
            subnet.DefaultRouters = r.GetValue(routers) is { Length: > 0 } newRouters ? [.. newRouters] : subnet.DefaultRouters;
            c.WriteItem(View, await c.Client.UpdateVirtualSubnetAsync(r.GetValue(vsid), subnet, c.Cancellation).ConfigureAwait(false));
        });

        var remove = new Command("remove", "Remove a virtual subnet (no NIC or record may use it).") { vsid };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteVirtualSubnetAsync(r.GetValue(vsid), c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, show, set, remove);
        return verb;
    }
}
