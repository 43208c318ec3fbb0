using System.CommandLine;
using Hnv.Lab.Processes;
using Hnv.Lab.State;

namespace Hnv.Cli.Lab;

/// <summary>
/// `hnv lab up|down|exec|status|counters|ls|env`: a described topology of hosts (each with an agent) and VMs, built out of
/// network namespaces on this machine. See docs/lab.md.
/// </summary>
internal static class LabCommand
{
    private const string Table = "table";
    private const string Json = "json";

    private const string ExitCodesText = """
        Exit codes:
          0  done
          1  the topology file is wrong, the agent is missing or failed, or the lab is not up
             (the message says what to fix; a topology problem names its field)
          2  the command line is wrong
        """;

    /// <summary>Builds the `lab` verb and its subcommands.</summary>
    public static Command Build()
    {
        var lab = new VerbCommand(
            "lab",
            "Build a described topology (hosts with agents, VMs) out of network namespaces on this machine.",
            $"""
            Every namespace of lab NAME is NAME-<host>, NAME-<vm> or NAME-fab; its files are in {LabPaths.DefaultRoot}/NAME.
            The topology file is YAML, described field by field in docs/lab.md; examples/demo.yaml is a start.

            Examples:
              hnv lab up examples/demo.yaml
              hnv lab exec demo b1 -- ping -c 1 10.0.0.11
              hnv lab down demo

            {ExitCodesText}
            """);
        lab.Subcommands.Add(BuildUp());
        lab.Subcommands.Add(BuildDown());
        lab.Subcommands.Add(BuildExec());
        lab.Subcommands.Add(BuildStatus());
        lab.Subcommands.Add(BuildCounters());
        lab.Subcommands.Add(BuildNat());
        lab.Subcommands.Add(BuildList());
        lab.Subcommands.Add(BuildEnv());
        lab.Subcommands.Add(BuildPage());
        return lab;
    }

    private static VerbCommand BuildUp()
    {
        var file = new Argument<string>("TOPOLOGY") { Description = "The topology YAML file (see docs/lab.md)." };
        var agent = new Option<string?>("--agent")
        {
            Description = $"The agent to run on each host: hnv-agent or hnv-agent.dll (default: ${ProgramCommand.Agent.Variable}, else hnv-agent next to hnv).",
        };
        var controller = new Option<string?>(ProgramCommand.Controller.Option)
        {
            Description = $"The controller to run: hnv-controller or hnv-controller.dll (default: ${ProgramCommand.Controller.Variable}, else next to hnv).",
        };
        var gateway = new Option<string?>(ProgramCommand.Gateway.Option)
        {
            Description = $"The gateway to run, for a topology with gateways: hnv-gateway or hnv-gateway.dll (default: ${ProgramCommand.Gateway.Variable}, else next to hnv).",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the agents' API sockets and then for the VMs' NICs.",
            DefaultValueFactory = _ => 30,
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 600)
            {
                r.AddError("--timeout must be 1 to 600 seconds.");
            }
        });
        var keep = new Option<bool>("--keep") { Description = "On failure, leave what was made for inspection instead of removing it." };
        var command = new VerbCommand("up", "Build a lab from a topology file and start its agents.", $"""
            Prints the hosts (namespace, PAs, agent) and VMs (host, addresses, MAC) when the lab is up; progress goes to stderr.

            {ExitCodesText}
            """) { file, agent, controller, gateway, timeout, keep };
        command.SetAction(r => LabVerbs.Up(
            r.GetValue(file)!, r.GetValue(agent), r.GetValue(controller), r.GetValue(gateway), TimeSpan.FromSeconds(r.GetValue(timeout)), r.GetValue(keep),
            r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildDown()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var command = new VerbCommand("down", "Stop a lab's agents and remove every namespace with its prefix and its state folder.", $"""
            Also removes what a crash left behind (namespaces without a state file). Removing a lab that is not up is not an error.

            {ExitCodesText}
            """) { name };
        command.SetAction(r => LabVerbs.Down(r.GetValue(name)!, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildExec()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var member = new Argument<string>("VM") { Description = "A VM (or host) of the lab." };
        var program = new Argument<string[]>("COMMAND") { Description = "The command to run in its namespace, after --.", Arity = ArgumentArity.OneOrMore };
        var command = new VerbCommand("exec", "Run a command inside a VM's (or host's) namespace, with this terminal.", """
            Example: hnv lab exec demo b1 -- ping -c 3 10.0.0.11

            Exit codes: the command's own; 1 when the lab or VM does not exist; 2 when the command line is wrong.
            """) { name, member, program };
        command.SetAction(r => LabVerbs.Exec(r.GetValue(name)!, r.GetValue(member)!, r.GetValue(program) ?? [], r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildStatus()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var output = OutputOption();
        var command = new VerbCommand("status", "Show a lab's hosts (namespace, PAs, agent running?) and VMs (namespace, MAC, addresses).", ExitCodesText) { name, output };
        command.SetAction(r => LabVerbs.Status(r.GetValue(name)!, r.GetValue(output) == Json, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildCounters()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var host = new Argument<string?>("HOST") { Description = "One host (default: every host).", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption();
        var command = new VerbCommand("counters", "Show what each host's agent counted: drops by reason, packets per VSID, and the I/O of its underlay and VM ports.", """
            The agents' own figures (GET /v1/counters on each agent's API socket, docs/agent.md names every counter), read now.

            Examples:
              hnv lab counters demo
              hnv lab counters demo host1 --output json

            Exit codes:
              0  every agent asked answered
              1  the lab or host does not exist, or an agent did not answer (the others are still shown)
              2  the command line is wrong
            """) { name, host, output };
        command.SetAction(r => LabVerbs.Counters(r.GetValue(name)!, r.GetValue(host), r.GetValue(output) == Json, r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildNat()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var gateway = new Argument<string>("GATEWAY") { Description = "A gateway of the lab." };
        var output = OutputOption();
        var command = new VerbCommand("nat", "Show a gateway's translations now: each routing domain's connections from its routing context's conntrack.", """
            The gateway's own figures (GET /v1/nat on its API socket, docs/gateway.md): the VM's CA and port inside, the peer
            outside, and the transit address the connection leaves the context as (the gateway then leaves from its external address).

            Examples:
              hnv lab nat demo gw1
              hnv lab nat demo gw1 --output json

            Exit codes:
              0  the gateway answered
              1  the lab or gateway does not exist, or the gateway did not answer
              2  the command line is wrong
            """) { name, gateway, output };
        command.SetAction(r => LabVerbs.Nat(r.GetValue(name)!, r.GetValue(gateway)!, r.GetValue(output) == Json, r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildList()
    {
        var output = OutputOption();
        var command = new VerbCommand("ls", "List the labs that are up (and namespaces a crashed lab left behind).", ExitCodesText) { output };
        command.SetAction(r => LabVerbs.List(r.GetValue(output) == Json, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildEnv()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var command = new VerbCommand("env", "Print the shell lines that point hnv at the lab's controller (HNV_CONTROLLER, HNV_TOKEN_FILE).", $"""
            Example: eval "$(hnv lab env demo)"; hnv nic list

            {ExitCodesText}
            """) { name };
        command.SetAction(r => LabVerbs.Env(r.GetValue(name)!, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static VerbCommand BuildPage()
    {
        var name = new Argument<string>("NAME") { Description = "The lab's name." };
        var command = new VerbCommand("page", "Print the address of the lab's topology page, with the operator token in its fragment.", $"""
            Open it in a browser on this machine. The token sits after '#', which a browser never sends; the page moves it
            to the tab's storage and out of the address bar. Treat the printed line as the token itself.

            {ExitCodesText}
            """) { name };
        command.SetAction(r => LabVerbs.Page(r.GetValue(name)!, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    private static Option<string> OutputOption()
    {
        var output = new Option<string>("--output", "-o") { Description = "A table (the default) or JSON.", DefaultValueFactory = _ => Table };
        output.AcceptOnlyFromAmong(Table, Json);
        return output;
    }
}
