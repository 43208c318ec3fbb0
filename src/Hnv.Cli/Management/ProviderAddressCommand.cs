using System.CommandLine;
using System.Globalization;
using Hnv.Client.Json;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>`hnv provider-address add|list|remove`: a host's PAs on the underlay.</summary>
internal static class ProviderAddressCommand
{
    public static readonly ResourceView<ProviderAddressDocument> View = new(
        ClientJsonContext.Default.ProviderAddressDocument,
        ("HOST", p => p.Host),
        ("PA", p => p.Pa),
        ("PREFIX LENGTH", p => Names.Text(p.PrefixLength)),
        ("VLAN", p => Names.Text(p.Vlan)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("provider-address", "Add, list and remove hosts' provider addresses (PAs).", $"""
            One IPv4 and/or one IPv6 PA per host serves all its VMs.

            Examples:
              hnv provider-address add --host h1 --pa 192.0.2.11/24
              hnv provider-address list --host h1
              hnv provider-address remove 192.0.2.11

            {ManagementExitCodes.Text}
            """);

        var host = new Option<string>("--host") { Description = "The host.", Required = true };
        var pa = new Option<string>("--pa") { Description = "The PA with its prefix length (192.0.2.11/24).", Required = true };
        var vlan = new Option<int?>("--vlan") { Description = "The underlay VLAN (0-4094), if any." };

        var add = new Command("add", "Add a provider address.") { host, pa, vlan };
        ManagementRun.SetAction(add, options, async (c, r) =>
        {
            var (address, length) = SplitCidr(r.GetValue(pa)!);
            c.WriteItem(View, await c.Client.CreateProviderAddressAsync(
                new ProviderAddressDocument { Host = r.GetValue(host), Pa = address, PrefixLength = length, Vlan = r.GetValue(vlan) }, c.Cancellation)
                .ConfigureAwait(false));
        });

        var filterHost = ManagementOptions.Optional(host);
        var list = new Command("list", "List provider addresses.") { filterHost };
        ManagementRun.SetAction(list, options, async (c, r) =>
            c.WriteList(View, (await c.Client.ListProviderAddressesAsync(r.GetValue(filterHost), c.Cancellation).ConfigureAwait(false)).Items));

        var paArgument = new Argument<string>("PA") { Description = "The provider address." };
        var remove = new Command("remove", "Remove a provider address (no lookup record may name it).") { paArgument };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteProviderAddressAsync(SplitCidr(r.GetValue(paArgument)!).Address, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, remove);
        return verb;
    }

    /// <summary>"192.0.2.11/24" -> (192.0.2.11, 24); a bare address has no length (the controller says what it needs).</summary>
    internal static (string Address, int? Length) SplitCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (text, null);
        }

        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? (text[..slash], length)
            : throw new ManagementException($"--pa {text}: the prefix length after '/' is not a number; write it like 192.0.2.11/24.", ExitCodes.Usage);
    }
}
