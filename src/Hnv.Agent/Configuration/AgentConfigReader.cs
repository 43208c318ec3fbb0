using System.Collections.Immutable;
using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Agent;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Agent.Configuration;

/// <summary>Reads and validates the agent's configuration, reporting every problem with its field.</summary>
public static class AgentConfigReader
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="AgentConfigException"/> listing every problem.</summary>
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
            throw new AgentConfigException(path, [new ConfigProblem(e.Path ?? "$", $"The file is not valid configuration JSON: {e.Message}")]);
        }
        catch (IOException e)
        {
            throw new AgentConfigException(path, [new ConfigProblem("$", $"The file cannot be read: {e.Message}")]);
        }

        var problems = new List<ConfigProblem>();
        var settings = config is null ? null : Validate(config, problems);
        if (config is null)
        {
            problems.Add(new ConfigProblem("$", "The file holds null; expected an object with host, underlay, policyFile and apiSocket."));
        }

        return problems.Count == 0 ? settings! : throw new AgentConfigException(path, problems);
    }

    /// <summary>Validates a configuration; problems are added to <paramref name="problems"/>.</summary>
    public static AgentSettings? Validate(AgentConfig config, List<ConfigProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(config.Host))
        {
            problems.Add(new("host", "The host name is missing; it must match the host of this machine's provider addresses in policy."));
        }

        var mtu = config.Underlay?.Mtu ?? 1500;
        if (mtu is < 1280 or > 65535)
        {
            problems.Add(new("underlay.mtu", $"The MTU {mtu} is out of range; expected 1280 to 65535 (1500, or 9000 with jumbo frames)."));
        }

        var io = config.Underlay?.Io switch
        {
            null or "packet" => UnderlayIo.Packet,
            "raw" => UnderlayIo.Raw,
            var other => Invalid(problems, other),
        };

        IpAddress? v4 = null, v6 = null;
        var pas = config.Underlay?.ProviderAddresses ?? [];
        for (var i = 0; i < pas.Count; i++)
        {
            var field = $"underlay.providerAddresses[{i}]";
            if (!IpAddress.TryParse(pas[i], out var pa))
            {
                problems.Add(new(field, $"'{pas[i]}' is not an IP address."));
            }
            else if ((pa.IsV6 ? v6 : v4) is not null)
            {
                problems.Add(new(field, $"A host has at most one {(pa.IsV6 ? "IPv6" : "IPv4")} PA; {pa} is a second one."));
            }
            else if (pa.IsV6)
            {
                v6 = pa;
            }
            else
            {
                v4 = pa;
            }
        }

        if (pas.Count == 0)
        {
            problems.Add(new("underlay.providerAddresses", "The host has no PA; give its IPv4 and/or IPv6 underlay address."));
        }

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

        var controller = ValidateController(config, problems);

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

        return problems.Count > 0 ? null : new AgentSettings(config.Host!, config.Underlay?.Interface ?? "eth0", mtu, v4, v6,
            controller is null ? config.PolicyFile : null, config.ApiSocket!, ports.ToImmutable())
        { Controller = controller, UnderlayIo = io, UnderlayGso = config.Underlay?.Gso ?? true, Workers = workers, WorkerCpus = [.. cpus] };
    }

    private static UnderlayIo Invalid(List<ConfigProblem> problems, string io)
    {
        problems.Add(new("underlay.io", $"'{io}' is not an underlay I/O; expected \"packet\" (AF_PACKET, the default) or \"raw\" (raw GRE sockets)."));
        return UnderlayIo.Packet;
    }

    /// <summary>Exactly one policy source: a file, or the controller with a token file.</summary>
    private static ControllerSourceSettings? ValidateController(AgentConfig config, List<ConfigProblem> problems)
    {
        var hasFile = !string.IsNullOrWhiteSpace(config.PolicyFile);
        if (config.Controller is not { } controller)
        {
            if (!hasFile)
            {
                problems.Add(new("policyFile", "No policy source: give \"controller\" (address and tokenFile) or \"policyFile\" (a policy document)."));
            }

            return null;
        }

        if (hasFile)
        {
            problems.Add(new("policyFile", "Give one policy source: \"controller\" or \"policyFile\", not both."));
        }

        var before = problems.Count;
        var addresses = new List<ControllerAddress>();
        if (controller.Addresses is { Count: > 0 } several)
        {
            if (controller.Address is not null)
            {
                problems.Add(new("controller.address", "Give \"address\" (one replica) or \"addresses\" (several), not both."));
            }

            for (var i = 0; i < several.Count; i++)
            {
                if (ControllerAddress.TryParse(several[i], out var one, out var wrong))
                {
                    addresses.Add(one!);
                }
                else
                {
                    problems.Add(new($"controller.addresses[{i}]", wrong!));
                }
            }
        }
        else if (ControllerAddress.TryParse(controller.Address, out var address, out var problem))
        {
            addresses.Add(address!);
        }
        else
        {
            problems.Add(new("controller.address", problem!));
        }

        if (string.IsNullOrWhiteSpace(controller.TokenFile))
        {
            problems.Add(new("controller.tokenFile", "The token file is missing; give the file holding this host's agent token (from 'hnv host credential HOST')."));
        }

        var silence = controller.SilenceSeconds ?? 15;
        if (silence is < 1 or > 3600)
        {
            problems.Add(new("controller.silenceSeconds", $"{silence} is out of range; expected 1 to 3600 seconds (default 15)."));
        }

        CertificateAuthority? authority = null;
        if (!string.IsNullOrWhiteSpace(controller.CaFile))
        {
            try
            {
                authority = CertificateAuthority.Load(controller.CaFile);
            }
            catch (InvalidDataException e)
            {
                problems.Add(new("controller.caFile", e.Message));
            }
        }

        var cache = string.IsNullOrWhiteSpace(controller.CacheFile) ? $"/var/lib/hnv/{config.Host}.policy.json" : controller.CacheFile;
        return problems.Count > before ? null : new ControllerSourceSettings(addresses, controller.TokenFile!, cache, TimeSpan.FromSeconds(silence), authority);
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
