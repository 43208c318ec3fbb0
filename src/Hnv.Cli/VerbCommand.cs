using System.CommandLine;

namespace Hnv.Cli;

/// <summary>
/// A verb of `hnv` with text that help prints after the generated sections (exit codes, examples), so the
/// one-line description stays short in the root's list of commands.
/// </summary>
internal sealed class VerbCommand : Command
{
    public VerbCommand(string name, string description, string epilogue)
        : base(name, description) => Epilogue = epilogue;

    /// <summary>Printed at the end of this verb's help.</summary>
    public string Epilogue { get; }
}
