using System.Text.Json;

namespace Hnv.Cli.Tests.Decode;

[Trait("tier", "pure")]
public sealed class DecodeFileProblemTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Decode_MissingFile_ExitOneNamingTheFile()
    {
        var path = _dir.File("missing.pcap");

        var result = CliRunner.Run("decode", path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("no such file", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Decode_Directory_ExitOneNamingIt()
    {
        var result = CliRunner.Run("decode", _dir.Path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains(_dir.Path, result.Error, StringComparison.Ordinal);
        Assert.Contains("directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnreadableFile_ExitOneNamingTheFile()
    {
        // Opens, but every read fails with EIO, also for root (whom file modes do not stop).
        const string path = "/proc/self/mem";

        var result = CliRunner.Run("decode", path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, "pcapng")]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2F, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2F, 0x31, 0x2E, 0x31, 0x0D, 0x0A, 0x0D, 0x0A, 0, 0, 0, 0, 0, 0 }, "unknown magic number 0x20544547")]
    [InlineData(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 2, 0 }, "shorter than the 24-byte pcap file header")]
    [InlineData(new byte[0], "shorter than the 24-byte pcap file header")]
    public void Decode_NotClassicPcap_ExitOneWithConversionHint(byte[] content, string why)
    {
        var path = _dir.File("capture.pcapng");
        File.WriteAllBytes(path, content);

        var result = CliRunner.Run("decode", path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("not a classic pcap file", result.Error, StringComparison.Ordinal);
        Assert.Contains(why, result.Error, StringComparison.Ordinal);
        Assert.Contains("editcap -F pcap in.pcapng out.pcap", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Decode_UnsupportedLinkType_ExitOneNamingIt()
    {
        var path = _dir.File("wifi.pcap");
        using (var writer = new Hnv.Wire.Capture.PcapWriter(File.Create(path), linkType: 105))
        {
            writer.Write(SampleCapture.Cases[0].Frame, SampleCapture.Start);
        }

        var result = CliRunner.Run("decode", path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("link type 105", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)] // cut inside the last record's header
    [InlineData(30)] // cut inside the last record's data
    public void Decode_TruncatedLastRecord_ShowsWhatWasReadThenWarns(int cut)
    {
        var path = _dir.File("cut.pcap");
        SampleCapture.Write(path);
        var lastRecord = 16 + SampleCapture.Cases[^1].Frame.Length;
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - lastRecord + cut)]);

        var result = CliRunner.Run("decode", path, "--output", "json");

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var count = SampleCapture.Cases.Count - 1;
        Assert.Equal(count, json.RootElement.GetArrayLength());
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains($"record {count + 1} is truncated", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedLastRecord_TableStillPrinted()
    {
        var path = _dir.File("cut.pcap");
        SampleCapture.Write(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);

        var result = CliRunner.Run("decode", path);

        Assert.Equal(ExitCodes.FileProblem, result.ExitCode);
        Assert.Contains("192.0.2.10 -> 192.0.2.20", result.Output, StringComparison.Ordinal);
        Assert.Contains("cut short", result.Error, StringComparison.Ordinal);
    }
}
