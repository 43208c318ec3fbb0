namespace Hnv.Cli.Tests;

/// <summary>Runs `hnv` in process with captured output and error writers.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = HnvCli.Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
