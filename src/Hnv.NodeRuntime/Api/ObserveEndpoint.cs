using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Dataplane.Node;
using Hnv.Dataplane.Taps;
using Microsoft.AspNetCore.Http;

namespace Hnv.NodeRuntime.Api;

/// <summary>
/// GET /v1/observe: a live stream (NDJSON) of the packets a node drops, with reason, port, VSID and inner 5-tuple
/// (and with ?flows those it forwards), in the manner of `hubble observe`; ?port, ?underlay, ?vsid and ?ca narrow it.
/// Bounded: ?rate lines a second (default 100; the rest are counted on the last line), ?count lines, ?seconds.
/// </summary>
internal static class ObserveEndpoint
{
    private static readonly TapQuery Defaults = new(null, null, false, null, null, Count: TapQuery.MaxCount, Seconds: TapQuery.MaxSeconds, MaxBytes: TapQuery.MaxByteLimit, Rate: 100);

    public static async Task<IResult> RunAsync(HttpContext http, ForwardingNode node, string host)
    {
        if (TapQuery.Read(http.Request, node, Defaults, out var problem, out var status) is not { } query)
        {
            return Results.Problem(statusCode: status, title: problem);
        }

        var q = http.Request.Query;
        var flows = q["flows"] is { Count: > 0 } f && (f[0] is "" or "true" or "1");
        var drops = !(q["drops"] is { Count: > 0 } d && d[0] is "false" or "0");
        var points = (drops ? TapPoints.Dropped : TapPoints.None) | (flows ? TapPoints.ToPort | TapPoints.ToUnderlay : TapPoints.None);
        if (points == TapPoints.None)
        {
            return Results.Problem(statusCode: 400, title: "Observe drops, flows, or both.");
        }

        var tap = new PacketTap(query.Filter(points), query.Rate, query.MaxBytes);
        if (!node.AddTap(tap))
        {
            return Results.Problem(statusCode: 429, title: $"{ForwardingNode.MaxTaps} captures or observers are on already; try again when one ends.");
        }

        var names = node.Ports.ToDictionary(p => p.Local.Index, p => p.Name);
        try
        {
            http.Response.ContentType = ApiPaths.NdjsonMediaType;
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            // ?underlay keeps what came from or went to the underlay; a port's drops and deliveries are frames.
            await foreach (var record in TapStream.ReadAsync(tap, query, r => !(query.Underlay && r.IsFrame), http.RequestAborted).ConfigureAwait(false))
            {
                await WriteAsync(http, Observation.Of(record, host, i => names.GetValueOrDefault(i))).ConfigureAwait(false);
            }

            await WriteAsync(http, new Client.Observe.ObservedPacket { Time = DateTimeOffset.UtcNow, Host = host, Event = "end", Missed = tap.Missed })
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            // The reader went away: the stream ends.
        }
        finally
        {
            node.RemoveTap(tap);
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(HttpContext http, Client.Observe.ObservedPacket line)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, ClientJsonContext.Default.ObservedPacket);
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.WriteAsync("\n"u8.ToArray(), http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
