using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Client.Resources;

namespace Hnv.Cli.Management;

/// <summary>`hnv nic add|list|show|set|remove`: VM network interfaces; the controller derives their lookup records.</summary>
internal static class NicCommand
{
    public static readonly ResourceView<NetworkInterfaceDocument> View = new(
        ClientJsonContext.Default.NetworkInterfaceDocument,
        ("NAME", n => n.Name),
        ("HOST", n => n.Host),
        ("VSID", n => Names.Text(n.Vsid)),
        ("MAC", n => n.Mac),
        ("ADDRESSES", n => Names.Join(n.Addresses)));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("nic", "Add, list, show, move and remove VM network interfaces (MAC + CAs in a subnet, on a host).", $"""
            The controller makes one lookup record per address (CA + VSID -> MAC + the host's PA) and sends it to every
            host with a NIC in the same routing domain. 'set --host' moves the NIC's records to another host (VM mobility).
            The NIC itself is attached on the host through the agent (hnv lab does this for its VMs).

            Examples:
              hnv nic add web1 --host h1 --subnet 5001 --mac 02:00:00:00:00:10 --address 10.0.0.10 --address fd00:1::10
              hnv nic set web1 --host h2
              hnv nic list --host h1 -o json

            {ManagementExitCodes.Text}
            """);

        var name = new Argument<string>("NAME") { Description = "The NIC's name (unique)." };
        var host = new Option<string?>("--host") { Description = "The host the NIC is on." };
        var vsid = new Option<long?>("--subnet", "--vsid") { Description = "The NIC's virtual subnet (VSID)." };
        var mac = new Option<string?>("--mac") { Description = "The NIC's MAC address." };
        var addresses = new Option<string[]>("--address") { Description = "A CA of the NIC (repeat for each; one per family)." };

        // One option object is read for the command it sits on: "add" has required copies, list and set optional ones.
        var (addHost, addVsid, addMac, addAddresses) = (ManagementOptions.Required(host), ManagementOptions.Required(vsid),
            ManagementOptions.Required(mac), ManagementOptions.Required(addresses));
        var add = new Command("add", "Add a NIC.") { name, addHost, addVsid, addMac, addAddresses };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View, await c.Client.CreateNetworkInterfaceAsync(new NetworkInterfaceDocument
        {
            Name = r.GetValue(name),
            Host = r.GetValue(addHost),
            Vsid = r.GetValue(addVsid),
            Mac = r.GetValue(addMac),
            Addresses = [.. r.GetValue(addAddresses) ?? []],
        }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List NICs.") { host, vsid };
        ManagementRun.SetAction(list, options, async (c, r) =>
            c.WriteList(View, (await c.Client.ListNetworkInterfacesAsync(r.GetValue(host), r.GetValue(vsid), c.Cancellation).ConfigureAwait(false)).Items));

        var show = new Command("show", "Show a NIC.") { name };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View, await c.Client.GetNetworkInterfaceAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false)));

        var set = new Command("set", "Change a NIC: move it to another host, or change its subnet, MAC or addresses.") { name, host, vsid, mac, addresses };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var nic = await c.Client.GetNetworkInterfaceAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false);
            nic.Host = r.GetValue(host) ?? nic.Host;
            nic.Vsid = r.GetValue(vsid) ?? nic.Vsid;
            nic.Mac = r.GetValue(mac) ?? nic.Mac;
            nic.Addresses = r.GetValue(addresses) is { Length: > 0 } given ? [.. given] : nic.Addresses;
            c.WriteItem(View, await c.Client.UpdateNetworkInterfaceAsync(r.GetValue(name)!, nic, c.Cancellation).ConfigureAwait(false));
        });

        var remove = new Command("remove", "Remove a NIC and its lookup records.") { name };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteNetworkInterfaceAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, show, set, remove);
        return verb;
    }
}
