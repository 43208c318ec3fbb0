using Hnv.Gateway.Configuration;
using Hnv.Gateway.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Gateway;

/// <summary>Makes the routing contexts and starts forwarding once the process is up; removes them at stop.</summary>
public sealed class GatewayRunner(GatewaySettings settings, GatewayDataplane dataplane, ILogger<GatewayRunner> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var pas = string.Join(", ", new[] { settings.Underlay.ProviderAddressV4, settings.Underlay.ProviderAddressV6 }.OfType<Wire.Addressing.IpAddress>());
        GatewayLog.Starting(logger, settings.Name, pas, settings.ExternalInterface, settings.Controller is null ? settings.Domains.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the controller's");
        dataplane.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        dataplane.Dispose();
        GatewayLog.Stopped(logger, settings.Name);
        return Task.CompletedTask;
    }
}
