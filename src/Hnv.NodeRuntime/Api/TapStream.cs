using System.Runtime.CompilerServices;
using Hnv.Dataplane.Taps;

namespace Hnv.NodeRuntime.Api;

/// <summary>What a capture or an observe stream reads from its tap: the records it keeps, up to the query's count, until its seconds pass or its reader leaves.</summary>
internal static class TapStream
{
    public static async IAsyncEnumerable<TapRecord> ReadAsync(PacketTap tap, TapQuery query, Func<TapRecord, bool> keep,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ends.CancelAfter(TimeSpan.FromSeconds(query.Seconds));
        for (var kept = 0L; kept < query.Count;)
        {
            if (await NextAsync(tap, ends.Token).ConfigureAwait(false) is not { } record)
            {
                yield break;
            }

            if (keep(record))
            {
                kept++;
                yield return record;
            }
        }
    }

    private static async Task<TapRecord?> NextAsync(PacketTap tap, CancellationToken ct)
    {
        try
        {
            return await tap.Records.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null; // the time is up, or the reader left
        }
    }
}
