using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Hnv.Cli;

/// <summary>System.CommandLine's help, followed by the epilogue of the command it describes.</summary>
internal sealed class EpilogueHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly string _rootEpilogue;

    public EpilogueHelpAction(HelpAction help, string rootEpilogue)
    {
        _help = help;
        _rootEpilogue = rootEpilogue;
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = _help.Invoke(parseResult);
        var epilogue = parseResult.CommandResult.Command switch
        {
            VerbCommand verb => verb.Epilogue,
            RootCommand => _rootEpilogue,
            _ => null,
        };
        if (epilogue is not null)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(epilogue);
            output.WriteLine();
        }

        return exitCode;
    }
}
