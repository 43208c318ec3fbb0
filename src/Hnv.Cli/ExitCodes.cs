namespace Hnv.Cli;

/// <summary>The exit codes every `hnv` verb uses; each verb's help text lists the ones it can return.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A file named on the command line is missing, unreadable, of the wrong format or damaged.</summary>
    public const int FileProblem = 1;

    /// <summary>The command line itself is wrong: an unknown verb or option, a missing argument, a bad value.</summary>
    public const int Usage = 2;
}
