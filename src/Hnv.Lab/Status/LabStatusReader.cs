using System.Text.Json;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;
using Hnv.Linux.Links;

namespace Hnv.Lab.Status;

/// <summary>`hnv lab status` and `hnv lab ls`: the recorded labs, checked against the namespaces and processes now.</summary>
public static class LabStatusReader
{
    /// <summary>The status of lab <paramref name="name"/>; throws when it is not up.</summary>
    public static LabStatusReport Status(string name)
    {
        var ip = new IpRunner();
        var state = LabStateFile.TryLoad(LabPaths.For(name));
        if (state is null)
        {
            var left = LabNames.IsLabName(name) ? IpRunner.NamespacesOf(name) : [];
            throw new LabException(left.Count > 0
                ? $"The lab '{name}' has no state file but {left.Count} namespace(s) remain ({string.Join(", ", left)}); run 'hnv lab down {name}' to remove them."
                : $"No lab named '{name}' is up; 'hnv lab ls' lists the labs.");
        }

        var spaces = NetworkNamespace.List().ToHashSet(StringComparer.Ordinal);
        var topology = state.Topology;
        var controllerAlive = state.Controller is { } running && LabProcess.IsAlive(running.Pid, running.Database);
        var hosts = controllerAlive ? ControllerHosts(state.Controller!) : [];
        return new LabStatusReport
        {
            Name = state.Name,
            Mtu = topology.Mtu,
            Family = topology.Family,
            Controller = state.Controller?.Address,
            ControllerPid = state.Controller?.Pid,
            ControllerAlive = controllerAlive,
            Page = state.Controller?.Page,
            Hosts = topology.Hosts.ConvertAll(h =>
            {
                var agent = state.Agents.Find(a => a.Host == h.Name);
                return new LabHostStatus
                {
                    Name = h.Name,
                    Namespace = h.Namespace,
                    NamespaceExists = spaces.Contains(h.Namespace),
                    ProviderAddresses = h.ProviderAddresses,
                    AgentPid = agent?.Pid,
                    AgentAlive = agent is not null && LabProcess.IsAlive(agent.Pid, agent.Config),
                    AgentLog = agent?.Log,
                    Connected = hosts.Find(c => c.Name == h.Name)?.Connected,
                    Revision = hosts.Find(c => c.Name == h.Name)?.RevisionApplied,
                };
            }),
            Vms = topology.Vms.ConvertAll(v => new VmStatus
            {
                Name = v.Name,
                Host = v.Host,
                Namespace = v.Namespace,
                NamespaceExists = spaces.Contains(v.Namespace),
                Mac = v.Mac,
                Vsid = v.Vsid,
                Addresses = v.Addresses,
                Nic = v.Veth ? "veth" : "tap",
            }),
            Gateways = topology.Gateways.ConvertAll(g =>
            {
                var process = state.Gateways.Find(p => p.Name == g.Name);
                return new LabGatewayStatus
                {
                    Name = g.Name,
                    Namespace = g.Namespace,
                    ProviderAddresses = g.ProviderAddresses,
                    ExternalAddress = g.ExternalAddress,
                    Domains = g.Domains.ConvertAll(d => $"{d.RoutingDomain} ({d.Mode})"),
                    Pid = process?.Pid,
                    Alive = process is not null && LabProcess.IsAlive(process.Pid, process.Config),
                    Log = process?.Log,
                    Connected = hosts.Find(c => c.Name == g.Name)?.Connected,
                    Revision = hosts.Find(c => c.Name == g.Name)?.RevisionApplied,
                };
            }),
        };
    }

    /// <summary>Every lab with a state folder under the root, then every prefix of namespaces left without one.</summary>
    /// <summary>The hosts as the lab's controller sees them; none when it does not answer within two seconds.</summary>
    private static List<Client.Status.HostStatus> ControllerHosts(LabControllerState controller)
    {
        try
        {
            var client = Client.ControllerAddress.Parse(controller.Address).CreateClient(File.ReadAllText(controller.OperatorToken).Trim());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return client.GetStatusAsync(timeout.Token).GetAwaiter().GetResult().Hosts;
        }
        catch (Exception e) when (e is Client.HnvApiException or IOException or OperationCanceledException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static List<LabListEntry> List()
    {
        var ip = new IpRunner();
        var spaces = NetworkNamespace.List();
        var labs = new List<LabListEntry>();
        var root = LabPaths.CurrentRoot;
        IEnumerable<string> folders = Directory.Exists(root) ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];
        foreach (var name in folders)
        {
            var state = LabStateFile.TryLoad(LabPaths.For(name));
            labs.Add(new LabListEntry
            {
                Name = name,
                Hosts = state?.Topology.Hosts.Count ?? 0,
                Vms = state?.Topology.Vms.Count ?? 0,
                AgentsAlive = state?.Agents.Count(a => LabProcess.IsAlive(a.Pid, a.Config)) ?? 0,
                Namespaces = spaces.Count(s => s.StartsWith(LabNames.Prefix(name), StringComparison.Ordinal)),
                State = state is null ? "no state file" : "up",
            });
        }

        // A crash can leave namespaces without a folder; a lab's fabric namespace names it.
        foreach (var space in spaces.Where(s => s.EndsWith("-" + LabNames.Fabric, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = space[..^(LabNames.Fabric.Length + 1)];
            if (LabNames.IsLabName(name) && !labs.Exists(l => l.Name == name))
            {
                labs.Add(new LabListEntry
                {
                    Name = name,
                    Hosts = 0,
                    Vms = 0,
                    AgentsAlive = 0,
                    Namespaces = spaces.Count(s => s.StartsWith(LabNames.Prefix(name), StringComparison.Ordinal)),
                    State = "orphaned",
                });
            }
        }

        return labs;
    }

    /// <summary>`ls` as JSON.</summary>
    public static string ListJson(List<LabListEntry> labs) => JsonSerializer.Serialize(labs, LabJsonContext.Default.ListLabListEntry);

    /// <summary>`status` as JSON.</summary>
    public static string StatusJson(LabStatusReport report) => JsonSerializer.Serialize(report, LabJsonContext.Default.LabStatusReport);
}
