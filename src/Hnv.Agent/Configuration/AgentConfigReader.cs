using System.Collections.Immutable;
using System.Text.Json;
using Hnv.Client.Agent;
using Hnv.NodeRuntime.Configuration;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Agent.Configuration;

/// <summary>Reads and validates the agent's configuration, reporting every problem with its field.</summary>
public static class AgentConfigReader
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="ConfigException"/> listing every problem.</summary>
    public static AgentSettings Read(string path)
    {
        AgentConfig? config;
        try
        {
            using var stream = File.OpenRead(path);
            config = JsonSerializer.Deserialize(stream, AgentJsonContext.Default.AgentConfig);
        }
        catch (JsonException e)
        {
            throw new ConfigException(path, [new ConfigProblem(e.Path ?? "$", $"The file is not valid configuration JSON: {e.Message}")]);
        }
        catch (IOException e)
        {
            throw new ConfigException(path, [new ConfigProblem("$", $"The file cannot be read: {e.Message}")]);
        }

        var problems = new List<ConfigProblem>();
        var settings = config is null ? null : Validate(config, problems);
        if (config is null)
        {
            problems.Add(new ConfigProblem("$", "The file holds null; expected an object with host, underlay, policyFile and apiSocket."));
        }

        return problems.Count == 0 ? settings! : throw new ConfigException(path, problems);
    }

    /// <summary>Validates a configuration; problems are added to <paramref name="problems"/>.</summary>
    public static AgentSettings? Validate(AgentConfig config, List<ConfigProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(config.Host))
        {
            problems.Add(new("host", "The host name is missing; it must match the host of this machine's provider addresses in policy."));
        }

        var underlay = UnderlayConfigReader.Validate(config.Underlay, problems);
        var workers = config.Workers ?? 1;
        if (workers is not (1 or 2))
        {
            problems.Add(new("workers", $"{workers} worker threads is not supported; expected 1 (both directions on one thread, the default) or 2 (one per direction)."));
        }

        var cpus = config.WorkerCpus ?? [];
        if (config.WorkerCpus is not null && cpus.Count != workers)
        {
            problems.Add(new("workerCpus", $"{cpus.Count} CPU(s) are given for {workers} worker thread(s); give one CPU per worker (the VM side's first, then the underlay's)."));
        }

        for (var i = 0; i < cpus.Count; i++)
        {
            if (cpus[i] is < 0 or > Linux.Threads.CpuAffinity.MaxCpu)
            {
                problems.Add(new($"workerCpus[{i}]", $"{cpus[i]} is not a CPU number; expected 0 to {Linux.Threads.CpuAffinity.MaxCpu}."));
            }
        }

        var controller = ControllerConfigReader.Validate(config.Host, config.PolicyFile, config.Controller, problems);

        if (string.IsNullOrWhiteSpace(config.ApiSocket))
        {
            problems.Add(new("apiSocket", "The API socket path is missing, e.g. /run/hnv/agent.sock."));
        }

        var ports = ImmutableArray.CreateBuilder<PortSettings>();
        for (var i = 0; i < config.Ports.Count; i++)
        {
            if (ValidatePort(config.Ports[i], $"ports[{i}]", problems) is { } port)
            {
                ports.Add(port);
            }
        }

        var metrics = MetricsConfigReader.Validate(config.Metrics, problems);
        return problems.Count > 0 ? null : new AgentSettings(config.Host!, underlay!, controller is null ? config.PolicyFile : null, config.ApiSocket!, ports.ToImmutable())
        { Controller = controller, Workers = workers, WorkerCpus = [.. cpus], Metrics = metrics };
    }

    /// <summary>Validates one port (from the file or the API).</summary>
    public static PortSettings? ValidatePort(PortConfig? port, string path, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        if (port is null)
        {
            problems.Add(new(path, "The port is null; expected an object with name, namespace, mac, vsid and addresses."));
            return null;
        }

        // A Linux interface name is at most 15 characters, and the TAP is created under this name.
        if (string.IsNullOrWhiteSpace(port.Name) || port.Name.Length > 15 || port.Name.Contains('/', StringComparison.Ordinal))
        {
            problems.Add(new($"{path}.name", $"'{port.Name}' is not a usable interface name (1 to 15 characters, no '/')."));
        }

        var existing = string.IsNullOrWhiteSpace(port.ExistingInterface) ? null : port.ExistingInterface;
        if (existing is { Length: > 15 })
        {
            problems.Add(new($"{path}.existingInterface", $"'{existing}' is not a Linux interface name (at most 15 characters)."));
        }

        if (existing is null && string.IsNullOrWhiteSpace(port.Namespace))
        {
            problems.Add(new($"{path}.namespace", "The VM's network namespace is missing (or give existingInterface to attach one that exists)."));
        }

        if (!MacAddress.TryParse(port.Mac, out var mac) || mac.IsMulticast || mac == MacAddress.Zero)
        {
            problems.Add(new($"{path}.mac", $"'{port.Mac}' is not a unicast MAC address such as 02:00:00:00:00:01."));
        }

        var vsid = new Vsid((uint)Math.Clamp(port.Vsid ?? 0, 0, uint.MaxValue));
        if (port.Vsid is null || !vsid.IsValid || port.Vsid != vsid.Value)
        {
            problems.Add(new($"{path}.vsid", $"The VSID {port.Vsid} is out of range; expected {Vsid.Min} to {Vsid.Max}."));
        }

        var addresses = ImmutableArray.CreateBuilder<IpAddress>();
        for (var i = 0; i < port.Addresses.Count; i++)
        {
            if (IpAddress.TryParse(port.Addresses[i], out var ca))
            {
                addresses.Add(ca);
            }
            else
            {
                problems.Add(new($"{path}.addresses[{i}]", $"'{port.Addresses[i]}' is not an IP address (give the CA without a prefix length)."));
            }
        }

        if (port.Addresses.Count == 0)
        {
            problems.Add(new($"{path}.addresses", "The NIC has no CA; give its IPv4 and/or IPv6 addresses."));
        }

        return problems.Count > before ? null
            : new PortSettings(port.Name!, port.Namespace ?? "", string.IsNullOrWhiteSpace(port.InterfaceName) ? "eth0" : port.InterfaceName, mac, vsid,
                addresses.ToImmutable(), existing);
    }
}
