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
/// derives the same active gateway for each domain. A gateway's watch stream opening here makes it alive at once, its
/// last stream here ending makes it dead at once (a stopped or killed gateway's socket closes): that is the fast path,
/// milliseconds. For a gateway that goes silent without closing (a host without power, a cut link), every
/// <see cref="SweepInterval"/> any replica counts it dead once neither a report nor a stream opened here is more recent
/// than the liveness timeout (<c>--gateway-timeout-seconds</c>). Writes are no-ops when the state already says so.
/// </summary>
internal sealed class GatewayMonitor(
    PolicyEngine engine, WatchRegistry watches, ControllerOptions options, TimeProvider time, ILogger<GatewayMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<(string Gateway, bool Alive, string Reason)> _edges = Channel.CreateUnbounded<(string, bool, string)>();
    private readonly Dictionary<string, DateTimeOffset> _connectedAt = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        watches.WatchingChanged += OnWatching;
        try
        {
            var sweep = Task.Delay(SweepInterval, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var edge = _edges.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(edge, sweep).ConfigureAwait(false) == sweep)
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                    sweep = Task.Delay(SweepInterval, time, stoppingToken);
                }

                while (_edges.Reader.TryRead(out var change))
                {
                    if (change.Alive)
                    {
                        _connectedAt[change.Gateway] = time.GetUtcNow();
                    }

                    await SetAsync(change.Gateway, change.Alive, change.Reason, stoppingToken).ConfigureAwait(false);
                }
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
            _edges.Writer.TryWrite((host, watching, watching ? "its watch stream opened" : "its watch stream ended"));
        }
    }

    /// <summary>Counts dead every alive gateway not heard from within the timeout, and alive every dead one watching here and heard from.</summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        var state = engine.Current;
        if (state.Gateways.IsEmpty)
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
            var heard = Latest(reports.GetValueOrDefault(gateway)?.Reported, _connectedAt.TryGetValue(gateway, out var at) ? at : null);
            var fresh = heard is { } last && now - last < options.GatewayTimeout;
            var alive = state.AliveGateways.Contains(gateway);
            if (alive && !fresh)
            {
                await SetAsync(gateway, false, $"not heard from for {options.GatewayTimeout.TotalSeconds:0.#} s", ct).ConfigureAwait(false);
            }
            else if (!alive && fresh && watches.IsWatching(gateway))
            {
                await SetAsync(gateway, true, "watching and reporting", ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SetAsync(string gateway, bool alive, string reason, CancellationToken ct)
    {
        try
        {
            var state = await engine.WriteAsync(
                s => s.Gateways.ContainsKey(gateway) && s.AliveGateways.Contains(gateway) != alive ? [ResourceChange.Put(new GatewayHealth(gateway, alive))] : [],
                "gateway monitor", ct).ConfigureAwait(false);
            if (state.AliveGateways.Contains(gateway) == alive && state.Revision > 0)
            {
                ControllerLog.GatewayHealthChanged(logger, gateway, alive ? "alive" : "dead", reason, state.Revision);
            }
        }
        catch (Exception e) when (e is StoreFailedException or WriteRejectedException)
        {
            ControllerLog.GatewayCheckFailed(logger, e.Message);
        }
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
