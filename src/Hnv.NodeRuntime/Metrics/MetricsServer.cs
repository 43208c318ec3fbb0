using System.Net;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Hnv.NodeRuntime.Metrics;

/// <summary>
/// Serves <see cref="NodeMetrics"/> as Prometheus text at http://ENDPOINT/metrics, on a listener of its own: the local
/// API (ports, status) stays on its Unix socket, and the metrics port serves nothing else.
/// </summary>
public sealed class MetricsServer(IPEndPoint endpoint, NodeMetrics metrics) : IHostedService, IDisposable
{
    private KestrelMetricServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new KestrelMetricServer(endpoint.Address.ToString(), endpoint.Port, "/metrics", metrics.Registry);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();
}
