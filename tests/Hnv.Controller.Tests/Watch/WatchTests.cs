using System.Net;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Client.Watch;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Policy.Documents;
using Hnv.Policy.Model;

namespace Hnv.Controller.Tests.Watch;

/// <summary>The watch stream: snapshot, changes, resume, heartbeats, and that a host sees only its routing domains.</summary>
[Trait("tier", "service")]
public sealed class WatchTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync(heartbeatSeconds: 0.3, history: 4);
        _client = _server.Client();
        await Sample.WorldAsync(_client);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Watch_FromZero_SnapshotThenChanges()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await using var watcher = new Watcher(_server.Client(), "h1");
        var snapshot = await watcher.NextAsync();
        Assert.Equal(WatchEventKinds.Snapshot, snapshot.Kind);
        Assert.Equal(_client.LastRevision, snapshot.Revision);
        Assert.Equal([Sample.Blue], snapshot.Policy!.RoutingDomains.Select(d => d.Rdid));

        await Sample.NicAsync(_client, "vm2", "h2", 5001, "02:00:00:00:00:02", "10.0.0.12");
        var change = await watcher.NextChangeAsync();
        Assert.Equal(WatchEventKinds.Change, change.Kind);
        Assert.Equal(_client.LastRevision, change.Revision);
        Assert.Equal("10.0.0.12", change.Upsert!.LookupRecords.Single().Ca);
        // h2's PA enters h1's view with the record that names it (both of h2's PAs: it is dual-stack).
        Assert.Equal(["192.0.2.2", "2001:db8::2"], change.Upsert.ProviderAddresses.Select(a => a.Pa).Order(StringComparer.Ordinal));
        Assert.True(watcher.Snapshot.TryGetRoutingDomain(Rdid.Parse(Sample.Blue), out var blue));
        Assert.Equal(2, blue.Records.Length);
    }

    [Fact]
    public async Task Watch_ResumeFromKeptRevision_SendsOnlyTheChange()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var resumeAt = _client.LastRevision!.Value;
        Policy.Snapshots.PolicySnapshot kept;
        await using (var before = new Watcher(_server.Client(), "h1"))
        {
            await before.NextAsync();
            kept = before.Snapshot;
        }

        await Sample.NicAsync(_client, "vm2", "h2", 5001, "02:00:00:00:00:02", "10.0.0.12");
        await using var watcher = new Watcher(_server.Client(), "h1", resumeAt, kept);
        var first = await watcher.NextAsync();
        Assert.Equal(WatchEventKinds.Change, first.Kind);
        Assert.Equal("10.0.0.12", first.Upsert!.LookupRecords.Single().Ca);
        await using var fresh = new Watcher(_server.Client(), "h1");
        await fresh.NextAsync();
        Assert.Equal(PolicyText.Of(fresh.Snapshot), PolicyText.Of(watcher.Snapshot));
    }

    [Fact]
    public async Task Watch_ResumeWhenViewUnchanged_Heartbeat()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var resumeAt = _client.LastRevision!.Value;
        await Sample.NicAsync(_client, "vm3", "h3", 6001, "02:00:00:00:00:03", "10.0.0.13");
        await using var watcher = new Watcher(_server.Client(), "h1", resumeAt);
        var first = await watcher.NextAsync();
        Assert.Equal(WatchEventKinds.Heartbeat, first.Kind);
    }

    [Theory]
    [InlineData(1)] // Too old: --history 4 keeps fewer revisions, and h1's view changed since.
    [InlineData(1_000_000)] // From the future (a controller whose store was replaced): start again.
    public async Task Watch_RevisionCannotBeDiffed_Snapshot(long fromRevision)
    {
        for (var i = 0; i < 6; i++)
        {
            await Sample.NicAsync(_client, $"vm{i}", "h1", 5001, $"02:00:00:00:00:1{i}", $"10.0.0.{20 + i}");
        }

        await using var watcher = new Watcher(_server.Client(), "h1", fromRevision);
        var first = await watcher.NextAsync();
        Assert.Equal(WatchEventKinds.Snapshot, first.Kind);
        Assert.Equal(6, first.Policy!.LookupRecords.Count);
    }

    [Fact]
    public async Task Watch_HostWithoutNicInDomain_SeesNothingOfIt()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await using var watcher = new Watcher(_server.Client(), "h3");
        var snapshot = await watcher.NextAsync();
        Assert.Empty(snapshot.Policy!.RoutingDomains);
        Assert.Empty(snapshot.Policy.LookupRecords);
        Assert.Equal(["192.0.2.3"], snapshot.Policy.ProviderAddresses.Select(a => a.Pa));

        await Sample.NicAsync(_client, "vm2", "h2", 5001, "02:00:00:00:00:02", "10.0.0.12");
        await _client.CreateCustomerRouteAsync(new CustomerRouteDocument { Rdid = Sample.Blue, Vsid = 5001, Destination = "0.0.0.0/0", NextHop = "10.0.0.11" });
        Assert.True(await watcher.QuietAsync(1.0));
        Assert.Empty(watcher.Snapshot.RoutingDomains);
    }

    [Fact]
    public async Task Watch_NicAddedThenLastRemoved_DomainEntersAndLeavesWhole()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await using var watcher = new Watcher(_server.Client(), "h3");
        await watcher.NextAsync();

        await Sample.NicAsync(_client, "vm3", "h3", 5001, "02:00:00:00:00:03", "10.0.0.13");
        var entered = await watcher.NextChangeAsync();
        Assert.Equal([Sample.Blue], entered.Upsert!.RoutingDomains.Select(d => d.Rdid));
        Assert.Equal([5001L], entered.Upsert.VirtualSubnets.Select(s => s.Vsid!.Value));
        Assert.Equal(["10.0.0.11", "10.0.0.13"], entered.Upsert.LookupRecords.Select(r => r.Ca).Order(StringComparer.Ordinal));
        Assert.Contains(entered.Upsert.ProviderAddresses, a => a.Pa == "192.0.2.1");

        await _client.DeleteNetworkInterfaceAsync("vm3");
        var left = await watcher.NextChangeAsync();
        Assert.Equal([Sample.Blue], left.Remove!.RoutingDomains.Select(d => d.Rdid));
        Assert.Equal([5001L], left.Remove.VirtualSubnets.Select(s => s.Vsid!.Value));
        Assert.Equal(["10.0.0.11", "10.0.0.13"], left.Remove.LookupRecords.Select(r => r.Ca).Order(StringComparer.Ordinal));
        Assert.Contains(left.Remove.ProviderAddresses, a => a.Pa == "192.0.2.1");
        Assert.Empty(watcher.Snapshot.RoutingDomains);
    }

    [Fact]
    public async Task Watch_QuietStream_Heartbeats()
    {
        await using var watcher = new Watcher(_server.Client(), "h1");
        await watcher.NextAsync();
        var beat = await watcher.NextAsync(3);
        Assert.Equal(WatchEventKinds.Heartbeat, beat.Kind);
        Assert.Equal(_client.LastRevision, beat.Revision);
    }

    [Fact]
    public async Task Watch_UnknownHost_NotFound()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(async () =>
        {
            await foreach (var _ in _client.WatchAsync("nohost", 0))
            {
            }
        });
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task Status_WatchingHost_ConnectedAndWanted()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var wanted = _client.LastRevision!.Value;
        await _client.CreateHostAsync(new HostDocument { Name = "h4" });
        await using var watcher = new Watcher(_server.Client(), "h1");
        await watcher.NextAsync();
        var h1 = (await _client.GetStatusAsync()).Hosts.Single(h => h.Name == "h1");
        Assert.True(h1.Connected);
        Assert.Equal(wanted, h1.RevisionWanted);
        Assert.True(h1.LagSeconds >= 0);
    }

    /// <summary>
    /// A seeded random sequence of writes; three simulated agents apply every event in order, and each ends with
    /// exactly the snapshot a fresh watch of its host gives.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    public async Task Watch_RandomWrites_EventsAppliedEqualFreshSnapshot(int seed)
    {
        var hosts = new[] { "h1", "h2", "h3" };
        var watchers = hosts.Select(h => new Watcher(_server.Client(), h)).ToList();
        try
        {
            foreach (var watcher in watchers)
            {
                await watcher.NextAsync();
            }

            await RandomWritesAsync(new Random(seed), hosts, 80);
            var revision = _client.LastRevision!.Value;
            for (var i = 0; i < hosts.Length; i++)
            {
                await watchers[i].CatchUpAsync(revision);
                await using var fresh = new Watcher(_server.Client(), hosts[i]);
                await fresh.NextAsync();
                Assert.Equal(PolicyText.Of(fresh.Snapshot), PolicyText.Of(watchers[i].Snapshot));
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    private async Task RandomWritesAsync(Random random, string[] hosts, int count)
    {
        var nics = new List<string>();
        var vsids = new long[] { 5001, 6001 };
        for (var i = 0; i < count; i++)
        {
            var host = hosts[random.Next(hosts.Length)];
            var vsid = vsids[random.Next(vsids.Length)];
            var octet = random.Next(10, 250);
            try
            {
                switch (random.Next(6))
                {
                    case 0 or 1:
                        var name = $"nic{i}";
                        await Sample.NicAsync(_client, name, host, vsid, $"02:00:00:00:{i / 256:x2}:{i % 256:x2}", $"10.0.0.{octet}");
                        nics.Add(name);
                        break;
                    case 2 when nics.Count > 0:
                        var moved = await _client.GetNetworkInterfaceAsync(nics[random.Next(nics.Count)]);
                        moved.Host = host;
                        await _client.UpdateNetworkInterfaceAsync(moved.Name!, moved);
                        break;
                    case 3 when nics.Count > 0:
                        var index = random.Next(nics.Count);
                        await _client.DeleteNetworkInterfaceAsync(nics[index]);
                        nics.RemoveAt(index);
                        break;
                    case 4:
                        await _client.CreateLookupRecordAsync(new LookupRecordDocument
                        {
                            Ca = $"10.0.0.{octet}",
                            Vsid = vsid,
                            Mac = $"02:00:00:01:{i / 256:x2}:{i % 256:x2}",
                            Pa = host == "h2" ? "192.0.2.2" : host == "h1" ? "192.0.2.1" : "192.0.2.3",
                        });
                        break;
                    default:
                        var records = (await _client.ListLookupRecordsAsync(vsid)).Items;
                        if (records.Count > 0)
                        {
                            var rdid = vsid == 5001 ? Sample.Blue : Sample.Red;
                            var route = new CustomerRouteDocument { Rdid = rdid, Vsid = vsid, Destination = $"172.16.{octet}.0/24", NextHop = records[random.Next(records.Count)].Ca };
                            await _client.CreateCustomerRouteAsync(route);
                        }

                        break;
                }
            }
            catch (HnvApiException e) when (e.Status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
            {
                // A random CA or route may collide with one that exists; the controller refuses it and stores nothing.
            }
        }
    }
}
