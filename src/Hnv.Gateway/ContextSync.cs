using Hnv.Gateway.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Gateway;

/// <summary>
/// Keeps the routing contexts in step with policy: every <see cref="Interval"/> it brings their routes to the revision
/// the node forwards with (a no-op when that did not change). A failure is logged and tried again; forwarding goes on.
/// </summary>
public sealed class ContextSync(GatewayDataplane dataplane, ILogger<ContextSync> logger, TimeProvider time) : BackgroundService
{
    /// <summary>How often the revision is looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                dataplane.Sync();
            }
#pragma warning disable CA1031 // Keeping contexts in step must never stop the gateway: whatever failed is logged and tried again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                GatewayLog.SyncBroken(logger, dataplane.Node.Revision, $"{e.GetType().Name}: {e.Message}");
            }
        }
    }
}
