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
}
