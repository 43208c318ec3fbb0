using System.Net.Sockets;
using System.Text.Json;

namespace Hnv.Lab.Status;

/// <summary>
/// One host agent's counters, as its local API gives them (GET /v1/counters on the Unix socket the lab gave it;
/// the socket's file permissions are the API's access check). <see cref="Problem"/> says why there are none.
/// </summary>
public sealed record AgentCounters(string Host, string Socket, JsonElement? Counters, string? Problem)
{
    /// <summary>How long one agent may take to answer before it is reported as not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Asks the agent behind <paramref name="socket"/>.</summary>
    public static AgentCounters Read(string host, string socket)
    {
        if (!File.Exists(socket))
        {
            return new(host, socket, null, $"no API socket at {socket}: is the agent running? ('hnv lab status' says)");
        }

        try
        {
            // The agent's API speaks HTTP over a Unix socket, as a controller at a unix: address does.
            using var http = Client.ControllerAddress.Parse("unix:" + socket).CreateHttpClient();
            http.Timeout = Timeout;
            var body = http.GetStringAsync(new Uri("/v1/counters", UriKind.Relative)).GetAwaiter().GetResult();
            using var document = JsonDocument.Parse(body);
            return new(host, socket, document.RootElement.Clone(), null);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or JsonException or IOException or ArgumentException)
        {
            return new(host, socket, null, $"the agent at {socket} did not answer: {e.Message}");
        }
    }
}
