using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hnv.Client.Json;
using Hnv.Client.Watch;

namespace Hnv.Client;

public sealed partial class HnvClient
{
    /// <summary>
    /// Watches <paramref name="host"/>'s view from <paramref name="fromRevision"/> (0: from nothing, a snapshot
    /// first). Yields events as the controller sends them until the stream ends or <paramref name="ct"/> is
    /// cancelled. The HttpClient's Timeout must be infinite for a long watch.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string host, long fromRevision, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var path = $"{ApiPaths.HostWatch(host)}?fromRevision={fromRevision.ToString(CultureInfo.InvariantCulture)}";
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, path), ct, HttpCompletionOption.ResponseHeadersRead)
            .ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                WatchEvent? watchEvent;
                try
                {
                    watchEvent = JsonSerializer.Deserialize(line, ClientJsonContext.Default.WatchEvent);
                }
                catch (JsonException e)
                {
                    throw new HnvApiException($"The watch stream of host {host} sent a line that is not a watch event: {e.Message}", e);
                }

                if (watchEvent is not null)
                {
                    yield return watchEvent;
                }
            }
        }
    }
}
