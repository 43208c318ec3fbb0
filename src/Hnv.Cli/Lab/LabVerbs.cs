using System.Diagnostics;
using Hnv.Lab;
using Hnv.Lab.Fabric;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Status;
using Hnv.Lab.Topology;
using Hnv.Linux.Links;

namespace Hnv.Cli.Lab;

/// <summary>
/// What each `hnv lab` verb does, with its writers: a <see cref="LabException"/> becomes its message (and
/// every topology problem) on the error writer and exit code 1.
/// </summary>
internal static class LabVerbs
{
    /// <summary>`up`: on failure the half-made lab is removed again unless <paramref name="keep"/>.</summary>
    public static int Up(string file, string? agentOption, string? controllerOption, string? gatewayOption, TimeSpan timeout, bool keep, TextWriter output, TextWriter error)
    {
        LabBuilder builder;
        try
        {
            var topology = TopologyResolver.Resolve(TopologyReader.ReadFile(file));
            var agent = ProgramCommand.Agent.Resolve(agentOption);
            var controller = ProgramCommand.Controller.Resolve(controllerOption);
            var gateway = topology.Gateways.Count > 0 ? ProgramCommand.Gateway.Resolve(gatewayOption) : [];
            builder = new LabBuilder(topology, agent, controller, gateway, timeout, error);
            builder.CheckAbsent();
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }

        try
        {
            builder.Build();
        }
        catch (Exception e)
        {
            // Whatever went wrong, leave nothing half-made behind (unless asked to keep it).
            var name = builder.State.Name;
            Fail(e, error);
            if (keep)
            {
                error.WriteLine($"The lab is left as it is for inspection (--keep); 'hnv lab down {name}' removes it.");
            }
            else
            {
                error.WriteLine($"Removing what was made of lab '{name}' (give --keep to leave it for inspection).");
                Down(name, TextWriter.Null, error);
            }

            return ExitCodes.FileProblem;
        }

        var report = LabStatusReader.Status(builder.State.Name);
        LabTables.WriteStatus(report, output);
        output.WriteLine();
        output.WriteLine($"State, controller store, agent configs and logs: {LabPaths.For(report.Name).Directory}");
        output.WriteLine($"Manage it with hnv: eval \"$(hnv lab env {report.Name})\"; hnv status");
        output.WriteLine($"Try: hnv lab exec {report.Name} {report.Vms[0].Name} -- ip addr; remove it with: hnv lab down {report.Name}");
        return ExitCodes.Ok;
    }

    public static int Down(string name, TextWriter output, TextWriter error)
    {
        try
        {
            var removed = new LabTeardown(name).Run();
            output.WriteLine(removed.Count == 0
                ? $"Lab '{name}' is not up; nothing to remove."
                : $"Removed lab '{name}': {string.Join(", ", removed)}.");
            return ExitCodes.Ok;
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }
    }

    /// <summary>`exec`: the command runs with this process's terminal; its exit code is returned.</summary>
    public static int Exec(string name, string member, IReadOnlyList<string> command, TextWriter error)
    {
        if (!LabNames.IsLabName(name) || !LabNames.IsMemberName(member))
        {
            error.WriteLine($"'{name}' '{member}' do not name a lab and one of its VMs or hosts; see 'hnv lab status {name}'.");
            return ExitCodes.FileProblem;
        }

        var space = LabNames.Prefixed(name, member);
        if (!NetworkNamespace.Exists(space))
        {
            error.WriteLine($"Lab '{name}' has no VM or host '{member}' (no namespace {space}); 'hnv lab status {name}' lists them.");
            return ExitCodes.FileProblem;
        }

        var start = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var arg in (string[])["netns", "exec", space, .. command])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>`env`: shell lines that point hnv at the lab's controller with its operator token.</summary>
    public static int Env(string name, TextWriter output, TextWriter error)
    {
        var state = LabNames.IsLabName(name) ? LabStateFile.TryLoad(LabPaths.For(name)) : null;
        if (state?.Controller is not { } controller)
        {
            error.WriteLine($"No lab named '{name}' with a controller is up; 'hnv lab ls' lists the labs.");
            return ExitCodes.FileProblem;
        }

        output.WriteLine($"export HNV_CONTROLLER='{controller.Address}'");
        output.WriteLine($"export HNV_TOKEN_FILE='{controller.OperatorToken}'");
        return ExitCodes.Ok;
    }

    /// <summary>`page`: the topology page's address with the operator token in its fragment.</summary>
    public static int Page(string name, TextWriter output, TextWriter error)
    {
        var state = LabNames.IsLabName(name) ? LabStateFile.TryLoad(LabPaths.For(name)) : null;
        if (state?.Controller is not { Page: { } page } controller)
        {
            error.WriteLine($"No lab named '{name}' with a topology page is up; 'hnv lab ls' lists the labs.");
            return ExitCodes.FileProblem;
        }

        output.WriteLine($"{page}#token={Uri.EscapeDataString(File.ReadAllText(controller.OperatorToken).Trim())}");
        return ExitCodes.Ok;
    }

    public static int Status(string name, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var report = LabStatusReader.Status(name);
            if (json)
            {
                output.WriteLine(LabStatusReader.StatusJson(report));
            }
            else
            {
                LabTables.WriteStatus(report, output);
            }

            return ExitCodes.Ok;
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }
    }

    public static int Counters(string name, string? host, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var hosts = LabCounters.Read(name, host);
            if (json)
            {
                output.WriteLine(LabCounters.Json(hosts));
            }
            else
            {
                LabCounterTables.WriteTables(hosts, output);
            }

            // The table says it in place; JSON readers get it on stderr too.
            foreach (var failed in hosts.Where(h => json && h.Problem is not null))
            {
                error.WriteLine($"{failed.Host}: {failed.Problem}");
            }

            return hosts.TrueForAll(h => h.Problem is null) ? ExitCodes.Ok : ExitCodes.FileProblem;
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }
    }

    public static int Nat(string name, string gateway, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var domains = LabNat.Read(name, gateway);
            if (json)
            {
                output.WriteLine(domains.ToString());
            }
            else
            {
                LabTables.WriteNat(domains, output);
            }

            return ExitCodes.Ok;
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }
    }

    public static int List(bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var labs = LabStatusReader.List();
            if (json)
            {
                output.WriteLine(LabStatusReader.ListJson(labs));
            }
            else
            {
                LabTables.WriteList(labs, output);
            }

            return ExitCodes.Ok;
        }
        catch (LabException e)
        {
            return Fail(e, error);
        }
    }

    private static int Fail(Exception e, TextWriter error)
    {
        error.WriteLine(e.Message);
        if (e is LabException { Problems: { Count: > 0 } problems })
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"  {problem}");
            }
        }

        return ExitCodes.FileProblem;
    }
}
