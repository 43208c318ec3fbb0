using Hnv.Client;
using Hnv.Client.Watch;
using Hnv.Dataplane.Node;
using Hnv.NodeRuntime.Configuration;
using Hnv.NodeRuntime.Logging;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Policy from the controller's watch stream of this host (an agent's or a gateway's). At start the node forwards with its disk cache (if
/// any) before the first await, so ports attach to known subnets even with the controller down. It then watches
/// from the revision it holds: a snapshot replaces the policy, a change is applied as one <see cref="PolicyDelta"/>
/// (a new snapshot swapped in whole), and every applied revision is written to the cache. A lost or silent
/// stream (no event or heartbeat for <see cref="ControllerSourceSettings.Silence"/>) is reopened with backoff,
/// from the revision held; an event that does not apply asks for a fresh snapshot (revision 0). Nothing the
/// controller sends, and no failure on the way, ends this loop: forwarding goes on with the last good policy. With
/// several replicas, a stream that fails is reopened on the next (<see cref="ControllerEndpoints"/>).
/// </summary>
public sealed class ControllerPolicySource(
    PolicySourceSettings settings, ForwardingNode node, HostStatusReporter reporter, ControllerEndpoints endpoints, ServedDomains served, ProbeResponder probes,
    ILogger<ControllerPolicySource> logger, TimeProvider time)
    : BackgroundService
{
    private readonly ControllerSourceSettings _controller = settings.Controller
        ?? throw new ArgumentException("The settings name no controller.", nameof(settings));

    private readonly PolicyCache _cache = new(settings.Controller!.CacheFile);
    private PolicySnapshot _snapshot = PolicySnapshot.Empty;
    private bool _delivered;

    /// <summary>The revision this node's view is known current at (the last event's, heartbeats included).</summary>
    public long CurrentAt { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var plain in endpoints.All.Where(a => a.IsPlainRemote))
        {
            NodeLog.ControllerInPlainText(logger, plain.ToString());
        }

        LoadCache();
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            var address = endpoints.Current;
            try
            {
                await WatchAsync(address, stoppingToken).ConfigureAwait(false);
                reason = "the controller ended the stream";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                reason = $"no event or heartbeat for {_controller.Silence.TotalSeconds:0} s";
            }
            catch (Exception e) when (e is HnvApiException or HttpRequestException or IOException or UnauthorizedAccessException)
            {
                // UnauthorizedAccessException: the token file is not readable; fixing its mode needs no restart.
                reason = e.Message;
            }
#pragma warning disable CA1031 // A policy source must never stop the agent: whatever failed is logged and retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                reason = $"unexpected {e.GetType().Name}: {e.Message}";
            }

            var delay = backoff.Next(_delivered);
            _delivered = false;
            endpoints.Failed(address);
            NodeLog.ControllerUnreachable(logger, address.ToString(), _snapshot.Revision, delay, reason);
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private void LoadCache()
    {
        if (_cache.TryLoad(settings.Node, out var cached, out var gateway, out var reason))
        {
            served.Set(gateway);
            Apply(cached!, save: false);
            CurrentAt = cached!.Revision;
            NodeLog.CacheLoaded(logger, cached.Revision, _cache.Path);
        }
        else
        {
            NodeLog.CacheUnusable(logger, _cache.Path, reason!);
        }
    }

    private async Task WatchAsync(ControllerAddress address, CancellationToken stoppingToken)
    {
        // The token is read each time: `hnv host credential` may have rotated it while the agent was away.
        var token = (await File.ReadAllTextAsync(_controller.TokenFile, stoppingToken).ConfigureAwait(false)).Trim();
        using var http = _controller.CreateHttpClient(address);
        var client = new HnvClient(http, token, address.ToString());
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        silence.CancelAfter(_controller.Silence);
        NodeLog.ControllerConnected(logger, address.ToString(), CurrentAt);
        await foreach (var watchEvent in client.WatchAsync(settings.Node, CurrentAt, silence.Token).ConfigureAwait(false))
        {
            silence.CancelAfter(_controller.Silence);
            if (watchEvent is { Kind: WatchEventKinds.Probe, Probe: { } order })
            {
                probes.Handle(order); // a look inside, not policy: nothing to apply or report
                continue;
            }

            Handle(watchEvent);
            _delivered = true;
            reporter.Report(CurrentAt);
        }
    }

    private void Handle(WatchEvent watchEvent)
    {
        try
        {
            var next = WatchApply.Apply(_snapshot, watchEvent);
            var gatewayChanged = watchEvent.Kind == WatchEventKinds.Snapshot || (watchEvent.Gateway is not null && watchEvent.Revision > _snapshot.Revision);
            if (gatewayChanged)
            {
                served.Set(watchEvent.Gateway);
            }

            if (!ReferenceEquals(next, _snapshot) || gatewayChanged)
            {
                Apply(next);
                Log(watchEvent);
            }

            // A snapshot is the controller's word even when older than what we held (a store restored from backup).
            CurrentAt = watchEvent.Kind == WatchEventKinds.Snapshot ? watchEvent.Revision : Math.Max(CurrentAt, watchEvent.Revision);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Our copy and the controller's disagree: start over from a snapshot on the next connection.
            var problems = e is PolicyValidationException invalid ? string.Join("; ", invalid.Problems) : $"{e.GetType().Name}: {e.Message}";
            NodeLog.ControllerEventRejected(logger, watchEvent.Revision, problems);
            CurrentAt = 0;
            throw new IOException($"the event of revision {watchEvent.Revision} did not apply", e);
        }
    }

    private void Apply(PolicySnapshot snapshot, bool save = true)
    {
        _snapshot = snapshot;
        node.ApplyPolicy(snapshot);
        if (!save)
        {
            return;
        }

        try
        {
            _cache.Save(settings.Node, snapshot, served.View);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Forwarding goes on with the new revision; only a restart without the controller would miss it.
            NodeLog.CacheUnwritable(logger, _cache.Path, e.Message);
        }
    }

    private void Log(WatchEvent watchEvent)
    {
        var set = _snapshot.ToPolicySet();
        NodeLog.ControllerPolicyApplied(logger, _snapshot.Revision, watchEvent.Kind!, set.RoutingDomains.Length, set.LookupRecords.Length);
    }
}
