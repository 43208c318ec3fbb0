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

    /// <summary>The controller cannot be reached (wrong address, not running, TLS refused).</summary>
    public const int Unreachable = 3;

    /// <summary>The controller refused the change: invalid (400) or in conflict with what is stored (409).</summary>
    public const int Rejected = 4;

    /// <summary>What the command names does not exist (404).</summary>
    public const int NotFound = 5;

    /// <summary>No valid token (401), or the token may not do this (403).</summary>
    public const int NotAllowed = 6;
}
