using System.Globalization;
using Hnv.Cli.Output;
using Hnv.Client.Status;

namespace Hnv.Cli.Management;

/// <summary>`hnv status --host H`: one host's status, then the counters its agent last reported, as tables.</summary>
internal static class HostStatusTables
{
    public static void Write(HostStatus host, TextWriter output)
    {
        StatusCommand.HostView.WriteItem(host, asJson: false, output);
        output.WriteLine($"underlay mtu  {Names.Text(host.UnderlayMtu) ?? "-"}");
        if (host.Counters is not { } counters)
        {
            output.WriteLine();
            output.WriteLine("No counters: the agent has not reported any yet.");
            return;
        }

        output.WriteLine($"counters as reported {host.Reported?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");
        output.WriteLine();
        var ports = new TextTable("PORT", "RX PACKETS", "RX BYTES", "TX PACKETS", "TX BYTES", "DROPPED");
        foreach (var p in counters.Ports)
        {
            ports.Add(p.Name ?? "-", Text(p.ReceivedPackets), Text(p.ReceivedBytes), Text(p.SentPackets), Text(p.SentBytes), Text(p.Dropped));
        }

        ports.Write(output);
        output.WriteLine();
        var vsids = new TextTable("VSID", "ENCAP PACKETS", "ENCAP BYTES", "DECAP PACKETS", "DECAP BYTES", "LOCAL", "DROPPED");
        foreach (var v in counters.Vsids)
        {
            vsids.Add(Text(v.Vsid), Text(v.EncapsulatedPackets), Text(v.EncapsulatedBytes), Text(v.DecapsulatedPackets), Text(v.DecapsulatedBytes),
                Text(v.LocalPackets), Text(v.Dropped));
        }

        vsids.Write(output);
        output.WriteLine();
        var drops = new TextTable("DROP REASON", "PACKETS");
        foreach (var (reason, count) in counters.Drops.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal))
        {
            drops.Add(reason, Text(count));
        }

        drops.Write(output);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
