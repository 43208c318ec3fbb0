using System.CommandLine;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Policy.Documents;

namespace Hnv.Cli.Management;

/// <summary>
/// `hnv lookup-record add|list|show|set|remove`: CA + VSID -> MAC + PA. Lists every record (those derived from
/// NICs too); writes only explicit ones, such as a gateway's.
/// </summary>
internal static class LookupRecordCommand
{
    public static readonly ResourceView<LookupRecordView> View = new(
        ClientJsonContext.Default.LookupRecordView,
        ("VSID", l => Names.Text(l.Vsid)),
        ("CA", l => l.Ca),
        ("MAC", l => l.Mac),
        ("PA", l => l.Pa),
        ("RULE", l => l.Rule),
        ("TYPE", l => l.Type),
        ("SOURCE", l => l.Source));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("lookup-record", "Add, list, show, change and remove lookup records (CA + VSID -> MAC + PA).", $"""
            Records of NICs ('hnv nic') are listed with source nic:NAME and change only through the NIC; add explicit
            records for what the controller does not manage, such as a gateway (--type GatewayWildcard).

            Examples:
              hnv lookup-record add --subnet 5001 --ca 10.0.0.1 --mac 02:00:00:00:00:01 --pa 192.0.2.9 --type GatewayWildcard
              hnv lookup-record list --routing-domain blue
              hnv lookup-record remove 5001 10.0.0.1

            {ManagementExitCodes.Text}
            """);

        var vsidArgument = new Argument<long>("VSID") { Description = "The record's virtual subnet." };
        var caArgument = new Argument<string>("CA") { Description = "The record's customer address." };
        var vsid = new Option<long>("--subnet", "--vsid") { Description = "The record's virtual subnet (VSID).", Required = true };
        var ca = new Option<string>("--ca") { Description = "The customer address.", Required = true };
        var mac = new Option<string?>("--mac") { Description = "The MAC the CA answers with." };
        var pa = new Option<string?>("--pa") { Description = "The PA of the host (or gateway) behind the CA." };
        var rule = new Option<string?>("--rule") { Description = "Encap (default) or Translate." };
        var type = new Option<string?>("--type") { Description = "Static (default), L2Only or GatewayWildcard." };
        var filterVsid = new Option<long?>("--subnet", "--vsid") { Description = "Only records of this VSID." };
        var filterDomain = new Option<string?>("--routing-domain", "-r") { Description = "Only records of this routing domain (RDID or name)." };

        var addMac = ManagementOptions.Required(mac);
        var addPa = ManagementOptions.Required(pa);
        var add = new Command("add", "Add an explicit lookup record.") { vsid, ca, addMac, addPa, rule, type };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View, await c.Client.CreateLookupRecordAsync(new LookupRecordDocument
        {
            Vsid = r.GetValue(vsid),
            Ca = r.GetValue(ca),
            Mac = r.GetValue(addMac),
            Pa = r.GetValue(addPa),
            Rule = r.GetValue(rule),
            Type = r.GetValue(type),
        }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List lookup records.") { filterVsid, filterDomain };
        ManagementRun.SetAction(list, options, async (c, r) =>
        {
            var rdid = r.GetValue(filterDomain) is { } given ? await Names.RdidAsync(c, given).ConfigureAwait(false) : null;
            c.WriteList(View, (await c.Client.ListLookupRecordsAsync(r.GetValue(filterVsid), rdid, c.Cancellation).ConfigureAwait(false)).Items);
        });

        var show = new Command("show", "Show a lookup record.") { vsidArgument, caArgument };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View, await c.Client.GetLookupRecordAsync(r.GetValue(vsidArgument), r.GetValue(caArgument)!, c.Cancellation).ConfigureAwait(false)));

        var set = new Command("set", "Change an explicit lookup record.") { vsidArgument, caArgument, mac, pa, rule, type };
        ManagementRun.SetAction(set, options, async (c, r) =>
        {
            var current = await c.Client.GetLookupRecordAsync(r.GetValue(vsidArgument), r.GetValue(caArgument)!, c.Cancellation).ConfigureAwait(false);
            var record = new LookupRecordDocument
            {
                Vsid = current.Vsid,
                Ca = current.Ca,
                Mac = r.GetValue(mac) ?? current.Mac,
                Pa = r.GetValue(pa) ?? current.Pa,
                Rule = r.GetValue(rule) ?? current.Rule,
                Type = r.GetValue(type) ?? current.Type,
            };
            c.WriteItem(View, await c.Client.UpdateLookupRecordAsync(r.GetValue(vsidArgument), r.GetValue(caArgument)!, record, c.Cancellation)
                .ConfigureAwait(false));
        });

        var remove = new Command("remove", "Remove an explicit lookup record.") { vsidArgument, caArgument };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteLookupRecordAsync(r.GetValue(vsidArgument), r.GetValue(caArgument)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, show, set, remove);
        return verb;
    }
}
