using Hnv.Agent.Configuration;
using Hnv.Agent.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent;

/// <summary>Starts forwarding once the host is up: attaches the configured ports, then starts the worker.</summary>
public sealed class AgentRunner(AgentSettings settings, AgentDataplane dataplane, ILogger<AgentRunner> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var pas = string.Join(", ", new[] { settings.Underlay.ProviderAddressV4, settings.Underlay.ProviderAddressV6 }.OfType<Wire.Addressing.IpAddress>());
        AgentLog.Starting(logger, settings.Host, pas, settings.Underlay.Mtu, settings.ApiSocket);
        foreach (var port in settings.Ports)
        {
            // A port that fails is logged and skipped: the others still forward, and the API can retry it.
            dataplane.Attach(port);
        }

        dataplane.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        dataplane.Dispose();
        AgentLog.Stopped(logger, settings.Host);
        return Task.CompletedTask;
    }
}
