using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;

namespace Hnv.Agent.Tests.Configuration;

/// <summary>underlay.io picks the underlay's I/O: AF_PACKET unless the raw GRE sockets are asked for.</summary>
[Trait("tier", "pure")]
public sealed class UnderlayIoConfigTests : IDisposable
{
    private const string Config = """
        { "host": "host1",
          "underlay": { "interface": "eth0", "mtu": 1500, "providerAddresses": ["192.0.2.1"] IO },
          "policyFile": "/run/hnv/policy.json", "apiSocket": "/run/hnv/host1.sock" }
        """;

    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("", UnderlayIo.Packet)]
    [InlineData(", \"io\": \"packet\"", UnderlayIo.Packet)]
    [InlineData(", \"io\": \"raw\"", UnderlayIo.Raw)]
    public void Read_Io_GivesTheUnderlayIo(string io, UnderlayIo expected)
    {
        File.WriteAllText(_file, Config.Replace("IO", io, StringComparison.Ordinal));

        Assert.Equal(expected, AgentConfigReader.Read(_file).Underlay.Io);
    }

    [Fact]
    public void Read_UnknownIo_NamesTheField()
    {
        File.WriteAllText(_file, Config.Replace("IO", ", \"io\": \"xdp\"", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == "underlay.io");
    }
}
