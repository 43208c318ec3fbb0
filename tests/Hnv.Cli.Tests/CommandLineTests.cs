namespace Hnv.Cli.Tests;

[Trait("tier", "pure")]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("decode")] // FILE missing
    [InlineData("decode", "x.pcap", "--output", "xml")] // not one of json|table
    [InlineData("decode", "x.pcap", "--colour")] // unknown option
    [InlineData("frobnicate")] // unknown verb
    [InlineData] // no verb at all
    public void Run_UsageError_ExitTwoWithMessageOnStderr(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Run_BadOutputValue_SaysWhichValuesAreAccepted()
    {
        var result = CliRunner.Run("decode", "x.pcap", "--output", "xml");

        Assert.Contains("'xml'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'json'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Root_ListsDecodeAndExitCodes()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("decode <FILE>", result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Decode_DocumentsOutputAndEveryExitCode()
    {
        var result = CliRunner.Run("decode", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains("--output <json|table>", result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", result.Output, StringComparison.Ordinal);
        foreach (var code in new[] { "0  ", "1  ", "2  " })
        {
            Assert.Contains(code, result.Output, StringComparison.Ordinal);
        }
    }
}
