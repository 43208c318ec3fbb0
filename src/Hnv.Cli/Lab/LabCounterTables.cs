using System.Globalization;
using System.Text.Json;
using Hnv.Cli.Output;
using Hnv.Lab.Status;

namespace Hnv.Cli.Lab;

/// <summary>`hnv lab counters` as tables: every host agent's drops by reason, per-VSID traffic and I/O counts.</summary>
internal static class LabCounterTables
{
    /// <summary>As tables: per host, drops by reason, traffic per VSID, the I/O counts of the underlay and each port, then each worker thread's load.</summary>
    public static void WriteTables(List<AgentCounters> hosts, TextWriter output)
    {
        var first = true;
        foreach (var h in hosts)
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            if (h.Counters is not { } c)
            {
                output.WriteLine($"{h.Host}: {h.Problem}");
                continue;
            }

            output.WriteLine($"{h.Host}: send failures: ports {N(c.GetProperty("portSendFailures"))}, underlay {N(c.GetProperty("underlaySendFailures"))}");
            var drops = new TextTable("DROP REASON", "PACKETS", "MEANING");
            var meanings = c.TryGetProperty("dropDescriptions", out var described) ? described : default;
            foreach (var drop in c.GetProperty("drops").EnumerateObject().OrderByDescending(d => d.Value.GetInt64()))
            {
                var meaning = meanings.ValueKind == JsonValueKind.Object && meanings.TryGetProperty(drop.Name, out var m) ? m.GetString() : null;
                drops.Add(drop.Name, N(drop.Value), meaning ?? string.Empty);
            }

            if (c.GetProperty("drops").EnumerateObject().Any())
            {
                drops.Write(output);
            }
            else
            {
                output.WriteLine("No drops.");
            }

            output.WriteLine();
            var vsids = new TextTable("VSID", "ENCAPSULATED", "BYTES", "DECAPSULATED", "BYTES", "LOCAL", "DROPPED");
            foreach (var v in c.GetProperty("vsids").EnumerateArray())
            {
                vsids.Add(N(v.GetProperty("vsid")), N(v.GetProperty("encapsulatedPackets")), N(v.GetProperty("encapsulatedBytes")),
                    N(v.GetProperty("decapsulatedPackets")), N(v.GetProperty("decapsulatedBytes")), N(v.GetProperty("localPackets")), N(v.GetProperty("dropped")));
            }

            vsids.Write(output);
            output.WriteLine();
            var io = new TextTable("I/O OF", "COUNTER", "VALUE");
            var ioCounters = c.GetProperty("io");
            foreach (var counter in ioCounters.GetProperty("underlay").EnumerateObject())
            {
                io.Add("underlay", counter.Name, N(counter.Value));
            }

            foreach (var port in ioCounters.GetProperty("ports").EnumerateArray())
            {
                foreach (var counter in port.GetProperty("counters").EnumerateObject())
                {
                    io.Add(port.GetProperty("name").GetString() ?? "?", counter.Name, N(counter.Value));
                }
            }

            io.Write(output);
            if (c.TryGetProperty("workers", out var workers))
            {
                output.WriteLine();
                var table = new TextTable("WORKER READS", "BATCHES", "PACKETS", "FULL BATCHES");
                foreach (var w in workers.EnumerateArray())
                {
                    table.Add(w.GetProperty("reads").GetString() ?? "?", N(w.GetProperty("batches")), N(w.GetProperty("packets")), N(w.GetProperty("fullBatches")));
                }

                table.Write(output);
            }
        }
    }

    private static string N(JsonElement value) => value.GetInt64().ToString(CultureInfo.InvariantCulture);
}
