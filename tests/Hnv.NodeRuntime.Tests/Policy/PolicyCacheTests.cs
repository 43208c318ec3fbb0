using Hnv.NodeRuntime.Policy;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.NodeRuntime.Tests.Policy;

/// <summary>The agent's disk cache: what it restores, and what it refuses to restore.</summary>
[Trait("tier", "system")]
public sealed class PolicyCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CacheFile => Path.Combine(_folder, "sub", "host1.policy.json");

    [Fact]
    public void SaveThenLoad_GivesTheSamePolicyAtTheSameRevision()
    {
        var cache = new PolicyCache(CacheFile);
        var snapshot = Snapshot(42);

        cache.Save("host1", snapshot);

        Assert.True(cache.TryLoad("host1", out var loaded, out var reason), reason);
        Assert.Equal(42, loaded!.Revision);
        Assert.Equal(
            PolicyJson.Serialize(PolicyDocuments.From(snapshot.ToPolicySet())),
            PolicyJson.Serialize(PolicyDocuments.From(loaded.ToPolicySet())));
        Assert.False(File.Exists(CacheFile + ".tmp"));
    }

    [Fact]
    public void SaveThenLoad_AGatewaysDomains_ComeBackWithThePolicy()
    {
        var cache = new PolicyCache(CacheFile);
        var served = new Client.Watch.GatewayView
        {
            Domains = [new Client.Gateway.GatewayDomainConfig { RoutingDomain = "aaaaaaaa-0000-0000-0000-000000000001", Mode = "nat", ExternalAddresses = ["203.0.113.100"] }],
        };

        cache.Save("gw1", Snapshot(7), served);

        Assert.True(cache.TryLoad("gw1", out var loaded, out var gateway, out var reason), reason);
        Assert.Equal(7, loaded!.Revision);
        Assert.Equal(["203.0.113.100"], Assert.Single(gateway!.Domains).ExternalAddresses);
        Assert.True(cache.TryLoad("gw1", out _, out _)); // an agent's read of the same file ignores the gateway part
        cache.Save("h1", Snapshot(8));
        Assert.True(cache.TryLoad("h1", out _, out var none, out _));
        Assert.Null(none);
    }

    [Fact]
    public void TryLoad_AnotherHostsCache_IsRefused()
    {
        new PolicyCache(CacheFile).Save("host2", Snapshot(3));

        Assert.False(new PolicyCache(CacheFile).TryLoad("host1", out var loaded, out var reason));
        Assert.Null(loaded);
        Assert.Contains("host2", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"host\": \"host1\", \"revision\": 0 }")]
    [InlineData("{ \"host\": \"host1\", \"revision\": 5, \"policy\": { \"virtualSubnets\": [ { \"vsid\": 1 } ] } }")]
    public void TryLoad_DamagedOrInvalid_IsRefusedWithAReason(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, text);

        Assert.False(new PolicyCache(CacheFile).TryLoad("host1", out var loaded, out var reason));
        Assert.Null(loaded);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Save_OnAFullDisk_ThrowsAndLeavesThePreviousCacheWhole()
    {
        // A real full disk: a 64 KiB tmpfs, filled after the first save.
        var disk = Path.Combine(_folder, "disk");
        Directory.CreateDirectory(disk);
        Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk);
        try
        {
            var cache = new PolicyCache(Path.Combine(disk, "host1.policy.json"));
            cache.Save("host1", Snapshot(1));
            var before = File.ReadAllText(cache.Path);
            using (var filler = File.OpenWrite(Path.Combine(disk, "filler")))
            {
                var block = new byte[4096];
                try
                {
                    while (true)
                    {
                        filler.Write(block);
                        filler.Flush();
                    }
                }
                catch (IOException)
                {
                    // The disk is full now.
                }
            }

            Assert.ThrowsAny<IOException>(() => cache.Save("host1", Snapshot(2)));
            Assert.False(File.Exists(cache.Path + ".tmp"));

            Assert.Equal(before, File.ReadAllText(cache.Path));
            Assert.True(cache.TryLoad("host1", out var loaded, out _));
            Assert.Equal(1, loaded!.Revision);
        }
        finally
        {
            Run("umount", disk);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static PolicySnapshot Snapshot(long revision)
    {
        var document = PolicyJson.Deserialize("""
            { "routingDomains": [ { "rdid": "11111111-1111-1111-1111-111111111111", "name": "blue" } ],
              "virtualSubnets": [ { "vsid": 5001, "rdid": "11111111-1111-1111-1111-111111111111", "prefixes": ["10.0.0.0/24"] } ],
              "lookupRecords": [ { "ca": "10.0.0.10", "vsid": 5001, "mac": "02:00:00:00:00:01", "pa": "192.0.2.1" } ],
              "providerAddresses": [ { "host": "host1", "pa": "192.0.2.1", "prefixLength": 24 } ] }
            """);
        Assert.Empty(PolicyValidator.Validate(document, out var set));
        return PolicySnapshot.Build(set!, revision);
    }
}
