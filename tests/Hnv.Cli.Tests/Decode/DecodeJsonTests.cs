using System.Text.Json;

namespace Hnv.Cli.Tests.Decode;

[Trait("tier", "pure")]
public sealed class DecodeJsonTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _capture;

    public DecodeJsonTests()
    {
        _capture = _dir.File("sample.pcap");
        SampleCapture.Write(_capture);
    }

    public static TheoryData<int> Frames() => [.. SampleCapture.Numbered.Select(n => n.Frame)];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Decode_SampleCapture_OneObjectPerPacketAndExitZero()
    {
        var result = CliRunner.Run("decode", _capture, "--output", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(SampleCapture.Cases.Count, json.RootElement.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Decode_EachPacket_FieldsAsExpected(int frame)
    {
        var expected = SampleCapture.Cases[frame - 1];
        var result = CliRunner.Run("decode", _capture, "-o", "json");
        using var json = JsonDocument.Parse(result.Output);
        var packet = json.RootElement[frame - 1];
        var want = expected.Expected;

        Assert.Equal(frame, packet.GetProperty("frame").GetInt32());
        Assert.Equal(SampleCapture.TimeOf(frame).UtcDateTime, packet.GetProperty("time").GetDateTime());
        Assert.EndsWith("Z", packet.GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.Equal(expected.Frame.Length, packet.GetProperty("length").GetInt32());

        var outer = packet.GetProperty("outer");
        Assert.Equal(want.OuterSrc, Text(outer, "src"));
        Assert.Equal(want.OuterDst, Text(outer, "dst"));
        Assert.Equal(want.OuterProtocol, Text(outer, "protocol"));

        Assert.Equal(want.Vsid, Number(packet, "vsid"));
        Assert.Equal(want.FlowId, Number(packet, "flowId"));
        Assert.Equal(want.Key, Text(packet, "key"));

        var inner = packet.GetProperty("inner");
        Assert.Equal(want.InnerSrcMac, Text(inner, "srcMac"));
        Assert.Equal(want.InnerDstMac, Text(inner, "dstMac"));
        Assert.Equal(want.InnerEtherType, Text(inner, "etherType"));
        Assert.Equal(want.InnerSrc, Text(inner, "src"));
        Assert.Equal(want.InnerDst, Text(inner, "dst"));
        Assert.Equal(want.InnerProtocol, Text(inner, "protocol"));
        Assert.Equal(want.SrcPort, Number(inner, "srcPort"));
        Assert.Equal(want.DstPort, Number(inner, "dstPort"));

        Assert.Equal(want.Error, Text(packet, "error"));
    }

    [Fact]
    public void Decode_EthernetCapture_ShowsOuterEthernetHeader()
    {
        using var json = JsonDocument.Parse(CliRunner.Run("decode", _capture, "-o", "json").Output);

        var nvgre = json.RootElement[0].GetProperty("ethernet");
        Assert.Equal("02:00:5e:00:00:0a", nvgre.GetProperty("srcMac").GetString());
        Assert.Equal("02:00:5e:00:00:14", nvgre.GetProperty("dstMac").GetString());
        Assert.Equal("0x0800", nvgre.GetProperty("etherType").GetString());
        Assert.Equal("0x6558", json.RootElement[0].GetProperty("greProtocol").GetString());

        var arp = json.RootElement[SampleCapture.Cases.Count - 1].GetProperty("ethernet");
        Assert.Equal("0x0806", arp.GetProperty("etherType").GetString());
        Assert.Equal("ff:ff:ff:ff:ff:ff", arp.GetProperty("dstMac").GetString());
    }

    [Fact]
    public void Decode_WrongGreProtocol_ShowsTheProtocolSeen()
    {
        using var json = JsonDocument.Parse(CliRunner.Run("decode", _capture, "-o", "json").Output);

        var frame = SampleCapture.Cases.ToList().FindIndex(c => c.Expected.Error == "NvgreWrongProtocol");
        Assert.Equal("0x0800", json.RootElement[frame].GetProperty("greProtocol").GetString());
    }

    [Fact]
    public void Decode_RawIpCapture_DecodesWithoutEthernet()
    {
        var path = _dir.File("raw.pcap");
        using (var writer = new Hnv.Wire.Capture.PcapWriter(File.Create(path), Hnv.Wire.Capture.PcapWriter.LinkTypeRaw))
        {
            writer.Write(SampleCapture.Cases[3].Frame.AsSpan(14), SampleCapture.Start);
        }

        var result = CliRunner.Run("decode", path, "--output", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var packet = json.RootElement[0];
        Assert.Equal(JsonValueKind.Null, packet.GetProperty("ethernet").ValueKind);
        Assert.Equal(SampleCapture.PaV6A, packet.GetProperty("outer").GetProperty("src").GetString());
        Assert.Equal(SampleCapture.CaV6B, packet.GetProperty("inner").GetProperty("dst").GetString());
        Assert.Equal(JsonValueKind.Null, packet.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Decode_EmptyCapture_EmptyArray()
    {
        var path = _dir.File("empty.pcap");
        new Hnv.Wire.Capture.PcapWriter(File.Create(path)).Dispose();

        var result = CliRunner.Run("decode", path, "--output", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    /// <summary>The string value of <paramref name="name"/>, null when the object or the value is null.</summary>
    private static string? Text(JsonElement parent, string name)
    {
        if (parent.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    private static long? Number(JsonElement parent, string name)
    {
        if (parent.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
    }
}
