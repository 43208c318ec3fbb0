using System.Diagnostics;
using System.Globalization;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;
using Hnv.Linux.Links;

namespace Hnv.Lab.Fabric;

/// <summary>
/// `hnv lab down`: stops the lab's controller, agents and gateways (SIGTERM, then SIGKILL after a bound), deletes every namespace with
/// the lab's prefix (those in lab.json and any left by a crash) and the state folder. Idempotent.
/// </summary>
public sealed class LabTeardown
{
    /// <summary>How long agents get to exit after SIGTERM before SIGKILL.</summary>
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(5);

    /// <summary>Where `ip netns exec` finds files to mount over /etc for a namespace.</summary>
    internal const string EtcNetns = "/etc/netns";

    private readonly IpRunner _ip = new();
    private readonly string _name;
    private readonly LabPaths _paths;

    public LabTeardown(string name)
    {
        if (!LabNames.IsLabName(name))
        {
            throw new LabException($"'{name}' is not a lab name (lower-case letters and digits, starting with a letter); see 'hnv lab ls'.");
        }

        _name = name;
        _paths = LabPaths.For(name);
    }

    /// <summary>Removes the lab; returns what was removed (empty when there was nothing).</summary>
    public List<string> Run()
    {
        var removed = new List<string>();
        var state = LabStateFile.TryLoad(_paths);
        var spaces = IpRunner.NamespacesOf(_name);
        foreach (var recorded in state?.Namespaces ?? [])
        {
            if (!spaces.Contains(recorded) && NetworkNamespace.List().Contains(recorded))
            {
                spaces.Add(recorded);
            }
        }

        var pids = new HashSet<int>();
        foreach (var agent in state?.Agents ?? [])
        {
            if (LabProcess.IsAlive(agent.Pid, agent.Config))
            {
                pids.Add(agent.Pid);
            }
        }

        foreach (var gateway in state?.Gateways ?? [])
        {
            if (LabProcess.IsAlive(gateway.Pid, gateway.Config))
            {
                pids.Add(gateway.Pid);
            }
        }

        if (state?.Controller is { } controller && LabProcess.IsAlive(controller.Pid, controller.Database))
        {
            pids.Add(controller.Pid);
        }

        // The page's proxy runs in this namespace, not the lab's: found by its pid and the socket it forwards to.
        if (state?.Controller is { PagePid: { } page } && LabProcess.IsAlive(page, _paths.ControllerSocket))
        {
            pids.Add(page);
        }

        foreach (var space in spaces)
        {
            // After a crash lab.json may be gone: whatever still runs inside the lab's namespaces is the lab's.
            if (_ip.TryRun("ip", ["netns", "pids", space], out var output, out _))
            {
                foreach (var word in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
                    {
                        pids.Add(pid);
                    }
                }
            }
        }

        if (pids.Count > 0)
        {
            Stop(pids);
            removed.AddRange(pids.Select(p => string.Create(CultureInfo.InvariantCulture, $"process {p}")));
        }

        var problems = new List<string>();
        foreach (var space in spaces)
        {
            // A VM's resolver file (`ip netns exec` mounts it as /etc/resolv.conf), where the lab wrote one.
            var etc = Path.Combine(EtcNetns, space);
            if (Directory.Exists(etc))
            {
                Directory.Delete(etc, recursive: true);
            }

            // A gateway removes its routing contexts itself when it stops.
            if (!NetworkNamespace.Exists(space))
            {
                continue;
            }

            if (_ip.TryRun("ip", ["netns", "del", space], out _, out var error))
            {
                removed.Add($"namespace {space}");
            }
            else
            {
                problems.Add($"{space}: {error.Trim()}");
            }
        }

        if (Directory.Exists(_paths.Directory))
        {
            Directory.Delete(_paths.Directory, recursive: true);
            removed.Add($"folder {_paths.Directory}");
        }

        if (problems.Count > 0)
        {
            throw new LabException($"Could not delete every namespace of lab '{_name}': {string.Join("; ", problems)}. Run 'hnv lab down {_name}' again.");
        }

        return removed;
    }

    private void Stop(HashSet<int> pids)
    {
        Signal("-TERM", pids);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TermGrace && pids.Any(LabProcess.IsRunning))
        {
            Thread.Sleep(50);
        }

        var left = pids.Where(LabProcess.IsRunning).ToHashSet();
        if (left.Count > 0)
        {
            Signal("-KILL", left);
            clock.Restart();
            while (clock.Elapsed < TermGrace && left.Any(LabProcess.IsRunning))
            {
                Thread.Sleep(50);
            }
        }
    }

    private void Signal(string signal, HashSet<int> pids)
    {
        var args = new List<string> { signal };
        args.AddRange(pids.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        _ = _ip.TryRun("kill", args, out _, out _);
    }
}
