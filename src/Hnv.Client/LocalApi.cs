using System.Net.Sockets;
using System.Text.Json;

namespace Hnv.Client;

/// <summary>GETs of a daemon's local API (an agent's or a gateway's): HTTP over its Unix socket, as to a controller at a unix: address.</summary>
public static class LocalApi
{
    /// <summary>How long a daemon may take to answer before it is reported as not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The JSON at <paramref name="path"/>, or null with <paramref name="problem"/> saying why not.</summary>
    public static JsonElement? TryGet(string socket, string path, out string? problem)
    {
        try
        {
            using var http = ControllerAddress.Parse("unix:" + socket).CreateHttpClient();
            http.Timeout = Timeout;
            using var document = JsonDocument.Parse(http.GetStringAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult());
            problem = null;
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or JsonException or IOException or ArgumentException)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Opens a streamed GET of <paramref name="path"/> (a capture, an observe stream): the answer once its headers are in,
    /// its body still coming. The caller disposes both. A refusal is an <see cref="HnvApiException"/> with the daemon's title.
    /// </summary>
    public static async Task<(HttpClient Http, HttpResponseMessage Response)> OpenStreamAsync(string socket, string path, CancellationToken ct)
    {
        var http = ControllerAddress.Parse("unix:" + socket).CreateHttpClient();
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        try
        {
            var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    string? title = null;
                    try
                    {
                        using var problem = JsonDocument.Parse(body);
                        title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
                    }
                    catch (JsonException)
                    {
                        // Not a problem document: the status says enough.
                    }

                    throw new HnvApiException(response.StatusCode, null, title ?? $"The daemon answered {(int)response.StatusCode}.");
                }
            }

            return (http, response);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}
