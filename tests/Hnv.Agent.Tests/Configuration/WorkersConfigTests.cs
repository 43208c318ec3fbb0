using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;

namespace Hnv.Agent.Tests.Configuration;

/// <summary>workers picks one forwarding thread for both directions (the default) or one per direction.</summary>
[Trait("tier", "pure")]
public sealed class WorkersConfigTests : IDisposable
{
    private const string Config = """
        { "host": "host1",
          "underlay": { "interface": "eth0", "mtu": 1500, "providerAddresses": ["192.0.2.1"] },
          "policyFile": "/run/hnv/policy.json", "apiSocket": "/run/hnv/host1.sock" WORKERS }
        """;

    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("", 1)]
    [InlineData(", \"workers\": 2", 2)]
    [InlineData(", \"workers\": 1", 1)]
    public void Read_Workers_GivesTheThreadCount(string workers, int expected)
    {
        File.WriteAllText(_file, Config.Replace("WORKERS", workers, StringComparison.Ordinal));

        Assert.Equal(expected, AgentConfigReader.Read(_file).Workers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Read_UnsupportedWorkers_NamesTheField(int workers)
    {
        File.WriteAllText(_file, Config.Replace("WORKERS", $", \"workers\": {workers}", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == "workers" && p.Message.Contains($"{workers} worker threads", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WorkerCpus_OnePerWorkerInOrder()
    {
        File.WriteAllText(_file, Config.Replace("WORKERS", ", \"workers\": 2, \"workerCpus\": [3, 1]", StringComparison.Ordinal));

        Assert.Equal([3, 1], AgentConfigReader.Read(_file).WorkerCpus.ToArray());
    }

    [Theory]
    [InlineData("[1]", "workerCpus")]                     // two workers, one CPU
    [InlineData("[0, 1, 2]", "workerCpus")]
    [InlineData("[0, -1]", "workerCpus[1]")]
    [InlineData("[4096, 0]", "workerCpus[0]")]
    public void Read_BadWorkerCpus_NamesTheField(string cpus, string field)
    {
        File.WriteAllText(_file, Config.Replace("WORKERS", $", \"workers\": 2, \"workerCpus\": {cpus}", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == field);
    }

    [Fact]
    public void Read_TwoCpusForTheDefaultOneWorker_NamesTheField()
    {
        File.WriteAllText(_file, Config.Replace("WORKERS", ", \"workerCpus\": [0, 1]", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => AgentConfigReader.Read(_file));

        Assert.Contains(e.Problems, p => p.Field == "workerCpus" && p.Message.Contains("for 1 worker thread", StringComparison.Ordinal));
    }
}
