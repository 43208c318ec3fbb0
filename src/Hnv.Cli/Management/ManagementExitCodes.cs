namespace Hnv.Cli.Management;

/// <summary>The exit-code text every management verb's help ends with.</summary>
internal static class ManagementExitCodes
{
    public const string Text = """
        Exit codes:
          0  done
          1  a file named (token file, config file) is missing or unreadable
          2  the command line is wrong
          3  the controller cannot be reached
          4  the controller refused: the input is invalid (every problem is listed with its field) or conflicts
             with what is stored (a CA or MAC already in use, something still in use)
          5  what the command names does not exist
          6  no valid token, or the token may not do this (read-only, or another host's agent token)
        """;
}
