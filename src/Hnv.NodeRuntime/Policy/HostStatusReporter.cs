using Hnv.Client;
using Hnv.Dataplane.Node;
using Hnv.NodeRuntime.Configuration;
using Microsoft.Extensions.Hosting;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Tells the controller which revision this host forwards with, and its counters (POST /hosts/{host}/status): at once when a new
/// revision is applied, and every <see cref="PolicySourceSettings.ReportInterval"/> as a sign of life. Off the policy path: a slow or
/// absent controller never delays applying policy. Failures are silent (the watch source logs the outage) and never
/// stop the agent: an unreadable token file or an unexpected answer is tried again at the next tick.
/// </summary>
public sealed class HostStatusReporter(PolicySourceSettings settings, ForwardingNode node, ControllerEndpoints endpoints) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private long _revision;

    /// <summary>Reports <paramref name="revision"/> soon (only the latest of several is sent).</summary>
    public void Report(long revision)
    {
        if (Interlocked.Exchange(ref _revision, revision) != revision && _changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the pending report will carry this revision.
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var controller = settings.Controller!;
        var clients = new Dictionary<ControllerAddress, HttpClient>(); // one per replica, so a report reuses its connection
        try
        {
            await ReportAsync(controller, clients, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var http in clients.Values)
            {
                http.Dispose();
            }
        }
    }

    private async Task ReportAsync(ControllerSourceSettings controller, Dictionary<ControllerAddress, HttpClient> clients, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    tick.CancelAfter(settings.ReportInterval);
                    try
                    {
                        await _changed.WaitAsync(tick.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // The interval passed without a new revision: report anyway, as a sign of life.
                    }
                }

                var revision = Interlocked.Read(ref _revision);
                if (revision == 0)
                {
                    continue;
                }

                var token = (await File.ReadAllTextAsync(controller.TokenFile, stoppingToken).ConfigureAwait(false)).Trim();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var address = endpoints.Current;
                if (!clients.TryGetValue(address, out var http))
                {
                    clients[address] = http = controller.CreateHttpClient(address);
                }

                var client = new HnvClient(http, token);
                try
                {
                    await client.ReportHostStatusAsync(settings.Node, HostReport.Of(node, revision, Version),
                        timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    endpoints.Failed(address); // not reached or not answering; an answer (even 4xx) is no reason to move
                    throw;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A report is a sign of life, never a reason to stop forwarding.
            catch (Exception)
#pragma warning restore CA1031
            {
                // The next tick tries again.
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private static string Version => typeof(HostStatusReporter).Assembly.GetName().Version?.ToString() ?? "0";
}
