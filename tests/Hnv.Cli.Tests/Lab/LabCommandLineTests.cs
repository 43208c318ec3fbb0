using Hnv.Lab.State;

namespace Hnv.Cli.Tests.Lab;

[Trait("tier", "pure")]
public sealed class LabCommandLineTests
{
    [Theory]
    [InlineData("lab", "up")] // TOPOLOGY missing
    [InlineData("lab", "exec", "demo", "b1")] // COMMAND missing
    [InlineData("lab", "status")] // NAME missing
    [InlineData("lab", "ls", "--output", "xml")]
    [InlineData("lab", "up", "x.yaml", "--timeout", "0")]
    public void Run_UsageError_ExitTwo(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Help_Lab_ListsVerbsAndExitCodes()
    {
        var result = CliRunner.Run("lab", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var verb in (string[])["up", "down", "exec", "status", "ls", "Exit codes"])
        {
            Assert.Contains(verb, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Down_NotALabName_RefusesRatherThanMatchEveryNamespace()
    {
        var result = CliRunner.Run("lab", "down", "a-b");

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains("not a lab name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_MissingFile_ExitOneNamingIt()
    {
        var result = CliRunner.Run("lab", "up", "/nonexistent/lab.yaml", "--agent", "/bin/true");

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains("/nonexistent/lab.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_AgentMissing_SaysSoBeforeMakingAnything()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("t.yaml"), Topologies.Minimal("tnoagent"));

        var result = CliRunner.Run("lab", "up", folder.File("t.yaml"), "--agent", "/nonexistent/hnv-agent");

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains("/nonexistent/hnv-agent", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was made", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(LabPaths.For("tnoagent").Directory));
    }
}
