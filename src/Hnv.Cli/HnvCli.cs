using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Hnv.Cli.Decode;
using Hnv.Cli.Lab;
using Hnv.Cli.Management;

namespace Hnv.Cli;

/// <summary>
/// The `hnv` root command. Each verb lives in its own folder with one <c>Build()</c> method; adding a verb
/// is one line in <see cref="Verbs"/>.
/// </summary>
internal static class HnvCli
{
    private const string RootEpilogue = """
        Exit codes (every verb):
          0  done
          1  a file named on the command line is missing, unreadable, of the wrong format or damaged
             (lab: the topology is wrong, the agent is missing or failed, or the lab is not up)
          2  the command line is wrong
          3  the controller cannot be reached
          4  the controller refused: invalid input (each problem with its field) or a conflict
          5  what the command names does not exist
          6  no valid token, or the token may not do this

        Run 'hnv [command] --help' for a command's own options and exit codes.
        """;

    /// <summary>Every verb of `hnv`, in the order help lists them.</summary>
    private static readonly Func<Command>[] Verbs =
    [
        DecodeCommand.Build,
        LabCommand.Build,
        RoutingDomainCommand.Build,
        SubnetCommand.Build,
        HostCommand.Build,
        GatewayCommand.Build,
        ProviderAddressCommand.Build,
        ProviderRouteCommand.Build,
        NicCommand.Build,
        LookupRecordCommand.Build,
        CustomerRouteCommand.Build,
        TokenCommand.Build,
        StatusCommand.Build,
        Trace.TraceCommand.Build,
        Observe.CaptureCommand.Build,
        Observe.ObserveCommand.Build,
    ];

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "hnv: network virtualization in the style of Hyper-V Network Virtualization (NVGRE, RFC 7637).");
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb());
        }

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new EpilogueHelpAction(action, RootEpilogue);
            }
        }

        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing to the given writers (the console in production, a
    /// <see cref="StringWriter"/> in tests). A command line that does not parse gives <see cref="ExitCodes.Usage"/>:
    /// the problems and a pointer to help on the error writer, nothing on the output.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parseResult = BuildRootCommand().Parse(args);

        // Help wins over parse errors (`hnv decode --help` has no FILE); only a real parse error is a usage error.
        var parseError = parseResult.Action as ParseErrorAction;
        if (parseError is not null)
        {
            // Both would write to the output writer; a usage error leaves stdout empty for scripts.
            parseError.ShowHelp = false;
            parseError.ShowTypoCorrections = false;
        }

        var exitCode = parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
        if (parseError is null)
        {
            return exitCode;
        }

        error.WriteLine($"Run 'hnv {CommandPath(parseResult.CommandResult)}--help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>"nic add " for `hnv nic add ...`: the words between hnv and the options.</summary>
    private static string CommandPath(CommandResult? command)
    {
        var words = new List<string>();
        for (var result = command; result is not null && result.Command is not RootCommand; result = result.Parent as CommandResult)
        {
            words.Insert(0, result.Command.Name + " ");
        }

        return string.Concat(words);
    }
}
