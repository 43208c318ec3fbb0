using System.Globalization;
using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Watch;
using Hnv.Controller.Access;
using Hnv.Controller.Logging;
using Hnv.Controller.State;
using Hnv.Controller.Status;
using Hnv.Controller.Storage;
using Hnv.Controller.Trace;
using Hnv.Controller.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Api;

/// <summary>
/// GET /hosts/{name}/watch?fromRevision=N: the host's view as NDJSON watch events. First a snapshot (from 0, or from a
/// revision this replica cannot diff from), a change (resuming from a kept revision), or a heartbeat (already
/// current); then a change whenever the view changes, and a heartbeat after each quiet interval. The stream keeps
/// only the state it last sent; a change is a diff of two immutable states, with domain diffs shared between hosts.
/// A stream lives only as long as its token and its host: it ends when either goes, on this replica at once
/// (<see cref="TokenRevocations"/>), on another one at the next heartbeat, when the token is checked again.
/// </summary>
internal static class WatchEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(ApiPaths.Hosts + "/{name}/watch", WatchAsync)
            .Allow(AccessLevel.ReadOrHostAgent).WithTags("watch").Produces<WatchEvent>(200, ApiPaths.NdjsonMediaType);

    private static async Task WatchAsync(
        string name, string? fromRevision, HttpContext http, PolicyEngine engine, WatchRegistry watches, WatchSettings settings,
        ControllerStore store, TokenRevocations revocations, ProbeBook probes, IHostApplicationLifetime lifetime, ILogger<WatchRegistry> logger)
    {
        long from = 0;
        if (fromRevision is not null && !long.TryParse(fromRevision, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            await ApiResults.Invalid("fromRevision", $"'{fromRevision}' is not a revision; expected a whole number, 0 for a snapshot.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (!engine.Current.Hosts.ContainsKey(name))
        {
            await ApiResults.NotFound($"There is no host {name}.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        http.Response.ContentType = ApiPaths.NdjsonMediaType;
        http.Response.Headers.CacheControl = "no-store";
        watches.Connected(name);
        ControllerLog.WatchStarted(logger, name, from);
        var current = engine.Current;
        var listening = false;
        try
        {
            var last = Resumable(engine, name, from, current);
            if (last is null)
            {
                await SendAsync(http, Snapshot(name, current), ct).ConfigureAwait(false);
                last = current;
            }
            else if (!await SendChangeAsync(http, name, last, current, ct).ConfigureAwait(false))
            {
                await SendAsync(http, new WatchEvent { Kind = WatchEventKinds.Heartbeat, Revision = current.Revision }, ct).ConfigureAwait(false);
            }

            last = current;
            var caller = http.Caller();
            // Live-trace orders go to the host's agent only: a reader watching the host gets none.
            listening = caller.IsAgentOf(name);
            var orders = listening ? probes.OrdersOf(name) : null;
            if (listening)
            {
                probes.Listen(name);
            }

            while (!ct.IsCancellationRequested)
            {
                var revoked = revocations.Next;
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var changed = engine.WaitForChangeAsync(last.Revision, wake.Token);
                var quiet = Task.Delay(settings.Heartbeat, wake.Token);
                var ordered = orders is null ? Task.Delay(Timeout.Infinite, wake.Token) : (Task)orders.WaitToReadAsync(wake.Token).AsTask();
                var woke = await Task.WhenAny(changed, quiet, revoked, ordered).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                if (woke == ordered)
                {
                    await SendOrdersAsync(http, orders!, probes, last.Revision, ct).ConfigureAwait(false);
                    continue;
                }

                if (woke != changed && await RevokedAsync(store, engine, name, caller, ct).ConfigureAwait(false) is { } reason)
                {
                    ControllerLog.WatchRevoked(logger, name, reason);
                    break;
                }

                if (woke == changed)
                {
                    await changed.ConfigureAwait(false);
                    var now = engine.Current;
                    if (!now.Hosts.ContainsKey(name))
                    {
                        ControllerLog.WatchRevoked(logger, name, "the host was removed");
                        break;
                    }

                    if (now.ChangedAt(name) > last.Revision)
                    {
                        await SendChangeAsync(http, name, last, now, ct).ConfigureAwait(false);
                    }

                    last = now;
                }
                else if (woke == quiet)
                {
                    await SendAsync(http, new WatchEvent { Kind = WatchEventKinds.Heartbeat, Revision = last.Revision }, ct).ConfigureAwait(false);
                    watches.Seen(name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The agent went away or the controller stops: the stream ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            if (listening)
            {
                probes.Unlisten(name);
            }

            watches.Disconnected(name);
            ControllerLog.WatchEnded(logger, name, engine.Current.Revision);
        }
    }

    /// <summary>
    /// Why the stream must end, or null while its token is still stored with the same secret and its host still exists.
    /// A store that does not answer ends it too: the agent comes back and is checked like any request.
    /// </summary>
    private static async Task<string?> RevokedAsync(ControllerStore store, PolicyEngine engine, string host, Caller caller, CancellationToken ct)
    {
        if (!engine.Current.Hosts.ContainsKey(host))
        {
            return "the host was removed";
        }

        try
        {
            return caller.TokenHash is { } hash && await store.FindTokenAsync(hash, ct).ConfigureAwait(false) is not null
                ? null
                : $"its token {caller.Name} was deleted or replaced";
        }
        catch (System.Data.Common.DbException e)
        {
            return $"the store does not answer, so its token cannot be checked ({e.Message})";
        }
    }

    /// <summary>
    /// The state the host's agent holds at <paramref name="from"/>, or null when a snapshot is needed: 0, a revision
    /// in the future, or one that is neither kept nor provably the same view as now (no change of the view since).
    /// </summary>
    private static ControllerState? Resumable(PolicyEngine engine, string host, long from, ControllerState current)
    {
        if (from <= 0 || from > current.Revision)
        {
            return null;
        }

        if (current.ChangedAt(host) <= from)
        {
            return current;
        }

        return engine.History.Find(from);
    }

    private static WatchEvent Snapshot(string host, ControllerState state)
    {
        var view = HostView.Of(state, host);
        return new() { Kind = WatchEventKinds.Snapshot, Revision = state.Revision, Policy = ViewDocuments.Whole(view), Gateway = ViewDocuments.Gateway(view) };
    }

    private static async Task<bool> SendChangeAsync(HttpContext http, string host, ControllerState last, ControllerState now, CancellationToken ct)
    {
        if (ReferenceEquals(last, now))
        {
            return false;
        }

        var (before, after) = (HostView.Of(last, host), HostView.Of(now, host));
        var diff = ViewDiff.Between(before, after);
        var gateway = HostView.GatewayChanged(before, after) ? ViewDocuments.Gateway(after) ?? new() : null;
        if (diff is null && gateway is null)
        {
            return false;
        }

        await SendAsync(http, new WatchEvent { Kind = WatchEventKinds.Change, Revision = now.Revision, Upsert = diff?.Upsert ?? new(), Remove = diff?.Remove ?? new(), Gateway = gateway }, ct)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the live-trace orders waiting for this host (stale ones are dropped); the stream's revision stays.</summary>
    private static async Task SendOrdersAsync(HttpContext http, System.Threading.Channels.ChannelReader<(Client.Trace.ProbeOrder Order, DateTimeOffset Expires)> orders,
        ProbeBook probes, long revision, CancellationToken ct)
    {
        while (orders.TryRead(out var waiting))
        {
            if (probes.IsFresh(waiting.Expires))
            {
                await SendAsync(http, new WatchEvent { Kind = WatchEventKinds.Probe, Revision = revision, Probe = waiting.Order }, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAsync(HttpContext http, WatchEvent watchEvent, CancellationToken ct)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(watchEvent, ClientJsonContext.Default.WatchEvent);
        await http.Response.Body.WriteAsync(line, ct).ConfigureAwait(false);
        await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct).ConfigureAwait(false);
        // Every event is flushed at once: an agent must not wait for a buffer to fill.
        await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
