using System.Globalization;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Resources;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;
using Hnv.Policy.Documents;

namespace Hnv.Lab.Fabric;

public partial class LabBuilder
{
    private HnvClient? _client;

    /// <summary>The client of the lab's controller, with the operator token (once it runs).</summary>
    private HnvClient Client => _client ?? throw new InvalidOperationException("The lab's controller is not started yet.");

    /// <summary>
    /// Starts the lab's controller inside the fabric namespace (so `down` finds it by namespace even after a
    /// crash), on a SQLite file and a Unix socket in the state folder, and waits until it answers /healthz.
    /// </summary>
    private void StartController()
    {
        var arguments = new List<string>
        {
            "--listen", "unix:" + _paths.ControllerSocket,
            "--database", _paths.ControllerDatabase,
            "--bootstrap-token-file", _paths.OperatorToken,
        };
        var fabric = LabNames.Prefixed(_topology.Name, LabNames.Fabric);
        File.WriteAllText(_paths.ControllerLog, $"# hnv lab up: {string.Join(' ', _controller.Concat(arguments))} in {fabric}\n");
        var pid = LabProcess.Start(fabric, _controller, arguments, _paths.ControllerLog);
        _state.Controller = new LabControllerState
        {
            Pid = pid,
            Address = "unix:" + _paths.ControllerSocket,
            Database = _paths.ControllerDatabase,
            Log = _paths.ControllerLog,
            OperatorToken = _paths.OperatorToken,
            Command = [.. _controller, .. arguments],
        };
        Save();

        _progress.Write($"Waiting for the controller (pid {pid.ToString(CultureInfo.InvariantCulture)}) ");
        var ready = WaitFor(
            () => File.Exists(_paths.OperatorToken) && File.Exists(_paths.ControllerSocket) && Healthy(),
            () => LabProcess.IsRunning(pid) ? null : $"The controller (pid {pid.ToString(CultureInfo.InvariantCulture)}) exited.",
            out var failure);
        _progress.WriteLine(ready ? " ready." : " failed.");
        if (!ready)
        {
            failure ??= $"The controller did not answer on {_paths.ControllerSocket} within {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s.";
            throw new LabException($"{failure}\nThe last lines of {_paths.ControllerLog}:\n{LabProcess.Tail(_paths.ControllerLog)}");
        }

        _client = ControllerAddress.Parse(_state.Controller.Address).CreateClient(File.ReadAllText(_paths.OperatorToken).Trim());
    }

    private bool Healthy()
    {
        try
        {
            using var http = ControllerAddress.Parse("unix:" + _paths.ControllerSocket).CreateHttpClient();
            http.Timeout = TimeSpan.FromSeconds(2);
            using var response = http.GetAsync(new Uri(ApiPaths.Health, UriKind.Relative)).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Programs the lab's policy through the controller's API, as an operator would with `hnv`: routing domains,
    /// subnets, hosts with their PAs, one NIC per VM (the controller derives the lookup records), and one agent
    /// token per host, written to the host's token file.
    /// </summary>
    private void ProgramController(PolicyDocument policy)
    {
        _progress.Write("Programming the controller ");
        foreach (var domain in policy.RoutingDomains)
        {
            Call(c => c.CreateRoutingDomainAsync(domain));
        }

        foreach (var subnet in policy.VirtualSubnets)
        {
            Call(c => c.CreateVirtualSubnetAsync(subnet));
        }

        foreach (var host in _topology.Hosts.Concat(_topology.Gateways.Select(g => g.Node())))
        {
            Call(c => c.CreateHostAsync(new Client.Resources.HostDocument { Name = host.Name }));
            foreach (var address in policy.ProviderAddresses.Where(p => p.Host == host.Name))
            {
                Call(c => c.CreateProviderAddressAsync(address));
            }

            var token = Call(c => c.CreateHostCredentialAsync(host.Name));
            try
            {
                SecretFile.Write(_paths.AgentToken(host.Name), token.Secret ?? string.Empty);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LabException($"Cannot write host {host.Name}'s agent token to {_paths.AgentToken(host.Name)}: {e.Message}");
            }

            _state.Files.Add(_paths.AgentToken(host.Name));
        }

        foreach (var vm in _topology.Vms)
        {
            Call(c => c.CreateNetworkInterfaceAsync(new NetworkInterfaceDocument
            {
                Name = vm.Name,
                Host = vm.Host,
                Vsid = vm.Vsid,
                Mac = vm.Mac,
                Addresses = vm.Addresses.ConvertAll(a => LabPolicy.Address(a).ToString()),
            }));
        }

        // The gateways and what they serve: the controller derives each subnet's GatewayWildcard record to the active one.
        foreach (var gateway in _topology.Gateways)
        {
            Call(c => c.CreateGatewayAsync(new Client.Resources.GatewayDocument { Name = gateway.Name, Priority = gateway.Priority }));
            foreach (var domain in gateway.Domains)
            {
                Call(c => c.CreateGatewayDomainAsync(gateway.Name, GatewayDomainFor(gateway, domain)));
            }
        }

        Save();
        _progress.WriteLine($" revision {Client.LastRevision?.ToString(CultureInfo.InvariantCulture) ?? "?"}.");
    }

    /// <summary>Waits until every host's agent (and every gateway) watches the controller and has applied its whole view.</summary>
    private void WaitForHostsCurrent()
    {
        var names = _topology.Hosts.Select(h => h.Name).Concat(_topology.Gateways.Select(g => g.Name)).ToList();
        _progress.Write($"Waiting for {names.Count} agent(s) and gateway(s) to apply their policy ");
        var lagging = new List<string>();
        var ready = WaitFor(
            () =>
            {
                var hosts = Call(c => c.GetStatusAsync()).Hosts;
                lagging = names.FindAll(name => hosts.Find(h => h.Name == name) is not { Connected: true, RevisionApplied: { } applied } status || applied < status.RevisionWanted);
                return lagging.Count == 0;
            },
            () => null,
            out _);
        _progress.WriteLine(ready ? " ready." : " failed.");
        if (!ready)
        {
            var logs = string.Join("\n", lagging.Select(h => $"The last lines of {_paths.AgentLog(h)}:\n{LabProcess.Tail(_paths.AgentLog(h))}"));
            throw new LabException($"The agents of {string.Join(", ", lagging)} did not apply their policy from the controller in time ('hnv status' shows why).\n{logs}");
        }
    }

    private T Call<T>(Func<HnvClient, Task<T>> call)
    {
        try
        {
            return call(Client).GetAwaiter().GetResult();
        }
        catch (HnvApiException e)
        {
            throw new LabException($"The lab's controller refused its policy: {e.Message}\nThe last lines of {_paths.ControllerLog}:\n{LabProcess.Tail(_paths.ControllerLog)}", e);
        }
    }
}
