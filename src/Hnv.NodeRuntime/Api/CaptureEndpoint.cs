using Hnv.Dataplane.Node;
using Hnv.Dataplane.Taps;
using Hnv.Wire.Capture;
using Microsoft.AspNetCore.Http;

namespace Hnv.NodeRuntime.Api;

/// <summary>
/// GET /v1/capture: a pcap stream of what a node forwards, while it forwards: a port's frames both ways (?port=NAME,
/// Ethernet), every VM port's (the default), or the underlay's packets both ways (?underlay, raw IP), filtered by
/// ?vsid and ?ca (overlay fields, inner ones on underlay packets). It ends after ?count packets or ?seconds, within
/// ?maxBytes; the tap never slows forwarding (what it lets go is logged).
/// </summary>
internal static class CaptureEndpoint
{
    private static readonly TapQuery Defaults = new(null, null, false, null, null, Count: 1000, Seconds: 60, MaxBytes: 64L << 20, Rate: 20_000);

    public static async Task<IResult> RunAsync(HttpContext http, ForwardingNode node)
    {
        if (TapQuery.Read(http.Request, node, Defaults, out var problem, out var status) is not { } query)
        {
            return Results.Problem(statusCode: status, title: problem);
        }

        var tap = new PacketTap(query.Filter(query.Underlay ? TapPoints.Underlay : TapPoints.Ports), query.Rate, query.MaxBytes);
        if (!node.AddTap(tap))
        {
            return Results.Problem(statusCode: 429, title: $"{ForwardingNode.MaxTaps} captures or observers are on already; try again when one ends.");
        }

        try
        {
            http.Response.ContentType = "application/vnd.tcpdump.pcap";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"capture.pcap\"";
            using var staging = new MemoryStream();
            using var pcap = new PcapWriter(staging, query.Underlay ? PcapWriter.LinkTypeRaw : PcapWriter.LinkTypeEthernet, leaveOpen: true);
            await CopyAsync(staging, http).ConfigureAwait(false);
            await foreach (var record in TapStream.ReadAsync(tap, query, _ => true, http.RequestAborted).ConfigureAwait(false))
            {
                pcap.Write(record.Bytes, record.At);
                pcap.Flush();
                await CopyAsync(staging, http).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            // The reader went away: the capture ends.
        }
        finally
        {
            node.RemoveTap(tap);
        }

        return Results.Empty;
    }

    /// <summary>Sends what the pcap writer staged (Kestrel takes only asynchronous writes).</summary>
    private static async Task CopyAsync(MemoryStream staging, HttpContext http)
    {
        await http.Response.Body.WriteAsync(staging.GetBuffer().AsMemory(0, (int)staging.Length), http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        staging.SetLength(0);
    }
}
