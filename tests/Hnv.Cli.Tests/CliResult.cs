namespace Hnv.Cli.Tests;

/// <summary>What one in-process run of `hnv` produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);
