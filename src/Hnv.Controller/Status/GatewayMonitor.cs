using System.Data.Common;
using System.Threading.Channels;
using Hnv.Controller.Configuration;
using Hnv.Controller.Logging;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Controller.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Status;

/// <summary>
/// Decides which gateways are alive and writes it to the change log (<see cref="GatewayHealth"/>), so every replica
/// derives the same active gateway for each domain.
/// <list type="bullet">
/// <item>Dead at once when its last watch stream here ends (a stopped or killed gateway's socket closes): milliseconds.
/// Not while this replica itself stops: its streams end then too, and the replica the gateways move to decides.</item>
/// <item>Dead when neither a report nor a stream opened here is more recent than the liveness timeout
/// (<c>--gateway-timeout-seconds</c>): a gateway that froze or lost its link closes nothing. Any replica may say so.</item>
/// <item>Alive when it watches here and has reported, since its stream opened, as many ports as it serves domains:
/// its routing contexts are made, so a gateway that comes back takes its domains back only once it can forward them.</item>
/// </list>
/// Checked every <see cref="SweepInterval"/>; a write is a no-op when the state already says so.
/// </summary>
internal sealed class GatewayMonitor(
    PolicyEngine engine, WatchRegistry watches, ControllerOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<GatewayMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<(string Gateway, bool Watching)> _edges = Channel.CreateUnbounded<(string, bool)>();
    private readonly Dictionary<string, DateTimeOffset> _connectedAt = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        watches.WatchingChanged += OnWatching;
        try
        {
            var sweep = Task.Delay(SweepInterval, time, stoppingToken);
            var edge = _edges.Reader.WaitToReadAsync(stoppingToken).AsTask();
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await Task.WhenAny(edge, sweep).ConfigureAwait(false) == sweep)
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                    sweep = Task.Delay(SweepInterval, time, stoppingToken);
                    continue;
                }

                while (_edges.Reader.TryRead(out var change))
                {
                    if (change.Watching)
                    {
                        _connectedAt[change.Gateway] = time.GetUtcNow();
                    }
                    else if (!watches.IsWatching(change.Gateway) && !lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        await SetAsync(change.Gateway, false, "its watch stream ended", stoppingToken).ConfigureAwait(false);
                    }
                }

                edge = _edges.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The controller stops; what gateways do next is the next replica's to see.
        }
        finally
        {
            watches.WatchingChanged -= OnWatching;
        }
    }

    private void OnWatching(string host, bool watching)
    {
        if (engine.Current.Gateways.ContainsKey(host))
        {
            _edges.Writer.TryWrite((host, watching));
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var state = engine.Current;
        if (state.Gateways.IsEmpty || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        IReadOnlyDictionary<string, StoredHostReport> reports;
        try
        {
            reports = await engine.Store.ListReportsAsync(ct).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            ControllerLog.GatewayCheckFailed(logger, e.Message);
            return;
        }

        var now = time.GetUtcNow();
        foreach (var gateway in state.Gateways.Keys)
        {
            var report = reports.GetValueOrDefault(gateway);
            DateTimeOffset? connected = _connectedAt.TryGetValue(gateway, out var at) ? at : null;
            var heard = HostStatusBook.Latest(report?.Reported, connected);
            var alive = state.AliveGateways.Contains(gateway);
            if (alive && (heard is not { } last || now - last >= options.GatewayTimeout))
            {
                await SetAsync(gateway, false, $"not heard from for {options.GatewayTimeout.TotalSeconds:0.#} s", ct).ConfigureAwait(false);
            }
            else if (!alive && watches.IsWatching(gateway) && report is not null && connected is not null && report.Reported > connected
                && now - report.Reported < options.GatewayTimeout && report.Ports >= state.GatewayServes.GetValueOrDefault(gateway, []).Count)
            {
                await SetAsync(gateway, true, $"watching, and its {report.Ports} ports are up", ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SetAsync(string gateway, bool alive, string reason, CancellationToken ct)
    {
        try
        {
            var before = engine.Current.Revision;
            var state = await engine.WriteAsync(
                s => s.Gateways.ContainsKey(gateway) && s.AliveGateways.Contains(gateway) != alive ? [ResourceChange.Put(new GatewayHealth(gateway, alive))] : [],
                "gateway monitor", ct).ConfigureAwait(false);
            if (state.Revision > before && state.AliveGateways.Contains(gateway) == alive)
            {
                ControllerLog.GatewayHealthChanged(logger, gateway, alive ? "alive" : "dead", reason, state.Revision);
            }
        }
        catch (Exception e) when (e is StoreFailedException or WriteRejectedException)
        {
            ControllerLog.GatewayCheckFailed(logger, e.Message);
        }
    }
}
