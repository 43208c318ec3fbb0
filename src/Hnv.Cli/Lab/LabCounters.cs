using System.Globalization;
using System.Text.Json;
using Hnv.Cli.Output;

namespace Hnv.Cli.Lab;

/// <summary>`hnv lab counters`: every host agent's drops by reason, per-VSID traffic and I/O counts.</summary>
internal static class LabCounters
{
    /// <summary>The counters of each host of lab <paramref name="name"/> (or only <paramref name="host"/>); throws when the lab is not up or has no such host.</summary>
    public static List<AgentCounters> Read(string name, string? host)
    {
        var state = LabStateFile.TryLoad(LabPaths.For(name))
            ?? throw new LabException($"No lab named '{name}' is up; 'hnv lab ls' lists the labs.");
        var hosts = state.Topology.Hosts.Select(h => h.Name).ToList();
        if (host is not null && !hosts.Contains(host, StringComparer.Ordinal))
        {
            throw new LabException($"The lab '{name}' has no host '{host}'; its hosts are {string.Join(", ", hosts)}.");
        }

        return [.. hosts.Where(h => host is null || h == host).Select(h => AgentCounters.Read(h, LabPaths.For(name).ApiSocket(h)))];
    }

    /// <summary>As JSON: one object per host with its counters (the agent's own document) or the problem.</summary>
    public static string Json(List<AgentCounters> hosts)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var h in hosts)
            {
                json.WriteStartObject();
                json.WriteString("host", h.Host);
                json.WriteString("apiSocket", h.Socket);
                json.WritePropertyName("counters");
                if (h.Counters is { } counters)
                {
                    counters.WriteTo(json);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteString("problem", h.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

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
            var drops = new TextTable("DROP REASON", "PACKETS");
            foreach (var drop in c.GetProperty("drops").EnumerateObject().OrderByDescending(d => d.Value.GetInt64()))
            {
                drops.Add(drop.Name, N(drop.Value));
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
