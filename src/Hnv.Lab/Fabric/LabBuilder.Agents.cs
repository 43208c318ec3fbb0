using System.Globalization;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.Lab.Fabric;

public partial class LabBuilder
{
    private void StartAgents()
    {
        foreach (var host in _topology.Hosts)
        {
            var config = _paths.AgentConfig(host.Name);
            var log = _paths.AgentLog(host.Name);
            File.WriteAllText(log, $"# hnv lab up: {string.Join(' ', _agent)} --config {config} in {host.Namespace}\n");
            var pid = LabProcess.Start(host.Namespace, _agent, ["--config", config], log);
            _state.Agents.Add(new LabAgentState
            {
                Host = host.Name,
                Pid = pid,
                Config = config,
                Log = log,
                ApiSocket = _paths.ApiSocket(host.Name),
                Command = [.. _agent, "--config", config],
            });
            Save();
        }

        _progress.Write($"Waiting up to {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s for {_state.Agents.Count} agent(s) to open their API sockets ");
        var ready = WaitFor(
            () => _state.Agents.TrueForAll(a => File.Exists(a.ApiSocket)),
            () => _state.Agents.Find(a => !LabProcess.IsRunning(a.Pid) && !File.Exists(a.ApiSocket)) is { } dead
                ? $"The agent of {dead.Host} (pid {dead.Pid}) exited before opening {dead.ApiSocket}."
                : null,
            out var failure);
        _progress.WriteLine(ready ? " ready." : " failed.");
        if (!ready)
        {
            var late = _state.Agents.Find(a => !File.Exists(a.ApiSocket))!;
            failure ??= $"The agent of {late.Host} (pid {late.Pid}) did not open {late.ApiSocket} within {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s.";
            throw new LabException($"{failure}\nThe last lines of {late.Log}:\n{LabProcess.Tail(late.Log)}");
        }
    }

    private void ConfigureVms()
    {
        _progress.Write($"Waiting for {_topology.Vms.Count} VM NIC(s) from the agents ");
        var missing = new List<LabVm>(_topology.Vms);
        var ready = WaitFor(
            () =>
            {
                missing.RemoveAll(v => _ip.TryIp("-n", v.Namespace, "link", "show", "eth0"));
                return missing.Count == 0;
            },
            () => null,
            out _);
        _progress.WriteLine(ready ? " ready." : " failed.");
        if (!ready)
        {
            var hosts = missing.Select(v => v.Host).Distinct().ToList();
            var logs = string.Join("\n", hosts.Select(h => $"The last lines of {_paths.AgentLog(h)}:\n{LabProcess.Tail(_paths.AgentLog(h))}"));
            throw new LabException(
                $"No eth0 appeared in {string.Join(", ", missing.Select(v => v.Namespace))} within {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s: the agent of {string.Join(", ", hosts)} did not move the VM's TAP there.\n{logs}");
        }

        var mtu = _topology.VmMtu.ToString(CultureInfo.InvariantCulture);
        foreach (var vm in _topology.Vms)
        {
            _ip.Ip("-n", vm.Namespace, "link", "set", "eth0", "address", vm.Mac, "mtu", mtu);
            foreach (var address in vm.Addresses)
            {
                AddAddress(vm.Namespace, address);
            }

            _ip.Ip("-n", vm.Namespace, "link", "set", "eth0", "up");
            if (_topology.Gateways.Count > 0)
            {
                // `ip netns exec` mounts this over /etc/resolv.conf: names resolve through the outside's DNS server.
                var etc = Path.Combine(LabTeardown.EtcNetns, vm.Namespace);
                Directory.CreateDirectory(etc);
                File.WriteAllText(Path.Combine(etc, "resolv.conf"), $"nameserver {LabOutside.Dns}\n");
            }

            foreach (var router in vm.DefaultRouters)
            {
                _ip.Ip("-n", vm.Namespace, router.Contains(':', StringComparison.Ordinal) ? "-6" : "-4", "route", "add", "default", "via", router, "dev", "eth0");
            }
        }
    }
}
