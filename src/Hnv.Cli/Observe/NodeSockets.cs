using System.Text.Json;
using Hnv.Client;
using Hnv.Lab.State;

namespace Hnv.Cli.Observe;

/// <summary>
/// Where a host's agent (or a gateway) answers locally: --socket, else the socket of the lab node of that name, else the
/// usual agent socket; and a check that the daemon there is that host's, so a capture is never taken on the wrong one.
/// Captures and observe streams are read on the host itself: they are the host's packets, and its socket is root's.
/// </summary>
internal static class NodeSockets
{
    public const string DefaultAgentSocket = "/run/hnv/agent.sock";

    /// <summary>The socket of <paramref name="host"/>, or null with the reason.</summary>
    public static string? Resolve(string host, string? socket, string? lab, out string? problem)
    {
        var path = socket ?? LabSocket(host, lab) ?? DefaultAgentSocket;
        if (LocalApi.TryGet(path, "/v1/status", out problem) is not { } status)
        {
            problem = $"No agent or gateway answered at {path}: {problem} (run this on the host, as root; --socket names its socket).";
            return null;
        }

        var name = Name(status);
        if (!string.Equals(name, host, StringComparison.Ordinal))
        {
            problem = $"The daemon at {path} is {name ?? "unnamed"}'s, not {host}'s.";
            return null;
        }

        return path;
    }

    /// <summary>Every node (agents, then gateways) of the lab named, or of the one lab that is up.</summary>
    public static IReadOnlyList<(string Host, string Socket)> LabNodes(string? lab, out string? problem)
    {
        var labs = Labs(lab).ToList();
        problem = labs.Count switch
        {
            0 => lab is null ? "No lab is up; name a --host (on a host, its agent's socket)." : $"No lab named '{lab}' is up.",
            > 1 => $"Several labs are up ({string.Join(", ", labs.Select(l => l.Paths.Directory))}); name one with --lab, or a --host.",
            _ => null,
        };
        if (problem is not null)
        {
            return [];
        }

        var (paths, state) = labs[0];
        return [.. state.Agents.Select(a => (a.Host, a.ApiSocket)), .. state.Gateways.Select(g => (g.Name, paths.ApiSocket(g.Name)))];
    }

    private static string? LabSocket(string host, string? lab)
    {
        foreach (var (paths, state) in Labs(lab))
        {
            if (state.Agents.Find(a => a.Host == host) is { } agent)
            {
                return agent.ApiSocket;
            }

            if (state.Gateways.Exists(g => g.Name == host))
            {
                return paths.ApiSocket(host);
            }
        }

        return null;
    }

    private static IEnumerable<(LabPaths Paths, LabState State)> Labs(string? lab)
    {
        var root = LabPaths.CurrentRoot;
        var names = lab is not null ? [lab] : Directory.Exists(root) ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>() : [];
        foreach (var name in names)
        {
            var paths = new LabPaths(root, name);
            if (LabStateFile.TryLoad(paths) is { } state)
            {
                yield return (paths, state);
            }
        }
    }

    private static string? Name(JsonElement status) =>
        status.TryGetProperty("host", out var host) ? host.GetString() : status.TryGetProperty("name", out var name) ? name.GetString() : null;
}
