using Hnv.Controller.State;
using Hnv.Controller.Status;
using Prometheus;

namespace Hnv.Controller.Metrics;

/// <summary>
/// The controller in Prometheus's terms, read at each scrape of GET /metrics: its revision, the watch streams open on this
/// replica, the hosts (connected, behind) and the largest lag, the gateways alive, the lookup records, the store's size. No per-host
/// label: a fleet's hosts are for `hnv status`, a scrape stays small.
/// </summary>
internal sealed class ControllerMetrics
{
    private readonly Gauge _revision;
    private readonly Gauge _streams;
    private readonly Gauge _hosts;
    private readonly Gauge _lagMax;
    private readonly Gauge _gateways;
    private readonly Gauge _records;
    private readonly Gauge _storeBytes;

    public ControllerMetrics(PolicyEngine engine, WatchRegistry watches, HostStatusBook book)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _revision = factory.CreateGauge("hnv_controller_revision", "The latest revision this replica knows.");
        _streams = factory.CreateGauge("hnv_controller_watch_streams", "Watch streams open on this replica.");
        _hosts = factory.CreateGauge("hnv_controller_hosts", "Nodes the controller knows (hosts and gateways' nodes), by state.", "state");
        _lagMax = factory.CreateGauge("hnv_controller_host_lag_seconds_max", "The longest time a node has not applied a change of its view.");
        _gateways = factory.CreateGauge("hnv_controller_gateways", "Gateways, by whether the controller counts them alive.", "state");
        _records = factory.CreateGauge("hnv_controller_lookup_records", "Lookup records in the policy (derived and explicit).");
        _storeBytes = factory.CreateGauge("hnv_controller_store_bytes", "The store's size as its database counts it (SQLite pages, or the PostgreSQL database).");
        Registry.AddBeforeCollectCallback(async ct =>
        {
            var state = engine.Current;
            _revision.Set(state.Revision);
            _streams.Set(watches.Count);
            _records.Set(state.Policy.RoutingDomains.Sum(d => d.Records.Length));
            _gateways.WithLabels("alive").Set(state.AliveGateways.Count);
            _gateways.WithLabels("dead").Set(state.Gateways.Count - state.AliveGateways.Count);
            var hosts = await book.AllAsync(ct).ConfigureAwait(false);
            _hosts.WithLabels("connected").Set(hosts.Count(h => h.Connected));
            _hosts.WithLabels("disconnected").Set(hosts.Count(h => !h.Connected));
            _hosts.WithLabels("behind").Set(hosts.Count(h => h.LagSeconds > 0));
            _lagMax.Set(hosts.Count == 0 ? 0 : hosts.Max(h => h.LagSeconds));
            if (await engine.Store.SizeAsync(ct).ConfigureAwait(false) is { } bytes)
            {
                _storeBytes.Set(bytes);
            }
        });
    }

    public CollectorRegistry Registry { get; }
}
