using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>`hnv customer-route add|list|set|remove`: routes inside a routing domain (destination -> next hop).</summary>
internal static class CustomerRouteCommand
{
    public static readonly ResourceView<CustomerRouteDocument> View = new(
        ClientJsonContext.Default.CustomerRouteDocument,
        ("RDID", r => r.Rdid),
        ("VSID", r => Names.Text(r.Vsid)),
        ("DESTINATION", r => r.Destination),
        ("NEXT HOP", r => r.NextHop ?? "on-link"),
        ("METRIC", r => Names.Text(r.Metric)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("customer-route", "Add, list, change and remove customer routes of a routing domain.", $"""
            A route is known by its routing domain, VSID and destination. The next hop is 'on-link' (the default) or a
            CA, such as a gateway's.

            Examples:
              hnv customer-route add -r blue --subnet 5001 --destination 0.0.0.0/0 --next-hop 10.0.0.254
              hnv customer-route list -r blue
              hnv customer-route remove -r blue --subnet 5001 --destination 0.0.0.0/0

            {ManagementExitCodes.Text}
            """);

        var domain = new Option<string>("--routing-domain", "-r") { Description = "The routing domain (RDID or name).", Required = true };
        var vsid = new Option<long>("--subnet", "--vsid") { Description = "The VSID the route applies to.", Required = true };
        var destination = new Option<string>("--destination") { Description = "The destination prefix.", Required = true };
        var nextHop = new Option<string?>("--next-hop") { Description = "on-link (default) or a CA." };
        var metric = new Option<int?>("--metric") { Description = "The metric (default 256); the lowest wins among equal prefixes." };
        var filterDomain = ManagementOptions.Optional(domain);

        async Task<CustomerRouteDocument> RouteAsync(ManagementContext c, ParseResult r) => new()
        {
            Rdid = await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false),
            Vsid = r.GetValue(vsid),
            Destination = r.GetValue(destination),
            NextHop = r.GetValue(nextHop),
            Metric = r.GetValue(metric),
        };

        var add = new Command("add", "Add a customer route.") { domain, vsid, destination, nextHop, metric };
        ManagementRun.SetAction(add, options, async (c, r) =>
            c.WriteItem(View, await c.Client.CreateCustomerRouteAsync(await RouteAsync(c, r).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List customer routes.") { filterDomain };
        ManagementRun.SetAction(list, options, async (c, r) =>
        {
            var rdid = r.GetValue(filterDomain) is { } given ? await Names.RdidAsync(c, given).ConfigureAwait(false) : null;
            c.WriteList(View, (await c.Client.ListCustomerRoutesAsync(rdid, c.Cancellation).ConfigureAwait(false)).Items);
        });

        var set = new Command("set", "Replace a customer route's next hop and metric.") { domain, vsid, destination, nextHop, metric };
        ManagementRun.SetAction(set, options, async (c, r) =>
            c.WriteItem(View, await c.Client.UpdateCustomerRouteAsync(await RouteAsync(c, r).ConfigureAwait(false), c.Cancellation).ConfigureAwait(false)));

        var remove = new Command("remove", "Remove a customer route.") { domain, vsid, destination };
        ManagementRun.SetAction(remove, options, async (c, r) => await c.Client.DeleteCustomerRouteAsync(
            await Names.RdidAsync(c, r.GetValue(domain)!).ConfigureAwait(false), r.GetValue(vsid), r.GetValue(destination)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, set, remove);
        return verb;
    }
}
