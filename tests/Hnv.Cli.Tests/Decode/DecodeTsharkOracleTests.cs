using System.Globalization;
using System.Text.Json;

namespace Hnv.Cli.Tests.Decode;

/// <summary>For every valid NVGRE packet, hnv decode's key, inner addresses and ports equal tshark's.</summary>
[Trait("tier", "system")]
public sealed class DecodeTsharkOracleTests : IDisposable
{
    private static readonly string[] FieldNames =
    [
        "frame.number", "gre.key", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport", "ipv6.src", "ipv6.dst",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Decode_ValidNvgre_AgreesWithTshark()
    {
        var capture = _dir.File("sample.pcap");
        SampleCapture.Write(capture);
        var tshark = Tshark.Fields(capture, FieldNames);
        var result = CliRunner.Run("decode", capture, "--output", "json");
        using var json = JsonDocument.Parse(result.Output);

        Assert.Equal(SampleCapture.Cases.Count, tshark.Count);
        var compared = 0;
        foreach (var packet in json.RootElement.EnumerateArray())
        {
            if (packet.GetProperty("error").ValueKind != JsonValueKind.Null)
            {
                continue;
            }

            var frame = packet.GetProperty("frame").GetInt32();
            var row = tshark[frame - 1];
            var name = SampleCapture.Cases[frame - 1].Name;
            Assert.Equal(frame.ToString(CultureInfo.InvariantCulture), Assert.Single(row[0]));
            Assert.True(Field(row, "gre.key").Length == 1, $"{name}: tshark saw no GRE key");
            Assert.Equal(Field(row, "gre.key")[0], packet.GetProperty("key").GetString());

            var inner = packet.GetProperty("inner");
            var v6 = inner.GetProperty("etherType").GetString() == "0x86dd";
            Assert.Equal(Last(row, v6 ? "ipv6.src" : "ip.src"), inner.GetProperty("src").GetString());
            Assert.Equal(Last(row, v6 ? "ipv6.dst" : "ip.dst"), inner.GetProperty("dst").GetString());

            var protocol = inner.GetProperty("protocol").GetString();
            var srcPort = inner.GetProperty("srcPort");
            var dstPort = inner.GetProperty("dstPort");
            if (protocol is "udp" or "tcp")
            {
                Assert.Equal(Last(row, protocol + ".srcport"), srcPort.GetInt32().ToString(CultureInfo.InvariantCulture));
                Assert.Equal(Last(row, protocol + ".dstport"), dstPort.GetInt32().ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Empty(Field(row, "udp.srcport"));
                Assert.Empty(Field(row, "tcp.srcport"));
                Assert.Equal(JsonValueKind.Null, srcPort.ValueKind);
                Assert.Equal(JsonValueKind.Null, dstPort.ValueKind);
            }

            compared++;
        }

        Assert.Equal(SampleCapture.Cases.Count(c => c.Expected.Error is null), compared);
    }

    private static string[] Field(string[][] row, string name) => row[Array.IndexOf(FieldNames, name)];

    /// <summary>The innermost occurrence: the inner frame's, since the outer headers come first.</summary>
    private static string? Last(string[][] row, string name) => Field(row, name) is [.., var last] ? last : null;
}
