using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>`hnv provider-route add|list|set|remove`: the underlay routes a host uses to reach other PAs.</summary>
internal static class ProviderRouteCommand
{
    public static readonly ResourceView<ProviderRouteDocument> View = new(
        ClientJsonContext.Default.ProviderRouteDocument,
        ("HOST", p => p.Host),
        ("DESTINATION", p => p.Destination),
        ("NEXT HOP", p => p.NextHop),
        ("METRIC", p => Names.Text(p.Metric)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("provider-route", "Add, list, change and remove hosts' provider (underlay) routes.", $"""
            Examples:
              hnv provider-route add --host h1 --destination 198.51.100.0/24 --next-hop 192.0.2.1
              hnv provider-route remove --host h1 --destination 198.51.100.0/24

            {ManagementExitCodes.Text}
            """);

        var host = new Option<string>("--host") { Description = "The host.", Required = true };
        var destination = new Option<string>("--destination") { Description = "The destination prefix of PAs.", Required = true };
        var nextHop = new Option<string>("--next-hop") { Description = "The underlay next hop.", Required = true };
        var metric = new Option<int?>("--metric") { Description = "The metric (default 256)." };

        ProviderRouteDocument Route(ParseResult r) => new()
        {
            Host = r.GetValue(host),
            Destination = r.GetValue(destination),
            NextHop = r.GetValue(nextHop),
            Metric = r.GetValue(metric),
        };

        var add = new Command("add", "Add a provider route.") { host, destination, nextHop, metric };
        ManagementRun.SetAction(add, options, async (c, r) =>
            c.WriteItem(View, await c.Client.CreateProviderRouteAsync(Route(r), c.Cancellation).ConfigureAwait(false)));

        var filterHost = ManagementOptions.Optional(host);
        var list = new Command("list", "List provider routes.") { filterHost };
        ManagementRun.SetAction(list, options, async (c, r) =>
            c.WriteList(View, (await c.Client.ListProviderRoutesAsync(r.GetValue(filterHost), c.Cancellation).ConfigureAwait(false)).Items));

        var set = new Command("set", "Replace a provider route's next hop and metric.") { host, destination, nextHop, metric };
        ManagementRun.SetAction(set, options, async (c, r) =>
            c.WriteItem(View, await c.Client.UpdateProviderRouteAsync(Route(r), c.Cancellation).ConfigureAwait(false)));

        var remove = new Command("remove", "Remove a provider route.") { host, destination };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteProviderRouteAsync(r.GetValue(host)!, r.GetValue(destination)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, set, remove);
        return verb;
    }
}
