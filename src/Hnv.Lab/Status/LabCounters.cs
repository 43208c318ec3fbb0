using System.Text.Json;
using Hnv.Lab.State;

namespace Hnv.Lab.Status;

/// <summary>`hnv lab counters`: every host agent's counters, read from its local API, and as JSON.</summary>
public static class LabCounters
{
    /// <summary>
    /// The counters of each host (and gateway: its node counts the same) of lab <paramref name="name"/>, or only of
    /// <paramref name="host"/>; throws when the lab is not up or has no such host.
    /// </summary>
    public static List<AgentCounters> Read(string name, string? host)
    {
        var state = LabStateFile.TryLoad(LabPaths.For(name))
            ?? throw new LabException($"No lab named '{name}' is up; 'hnv lab ls' lists the labs.");
        var hosts = state.Topology.Hosts.Select(h => h.Name).Concat(state.Topology.Gateways.Select(g => g.Name)).ToList();
        if (host is not null && !hosts.Contains(host, StringComparer.Ordinal))
        {
            throw new LabException($"The lab '{name}' has no host or gateway '{host}'; it has {string.Join(", ", hosts)}.");
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
}
