using System.Text.Json;
using Hnv.Client;

namespace Hnv.Lab.Status;

/// <summary>
/// One host agent's counters, as its local API gives them (GET /v1/counters on the Unix socket the lab gave it;
/// the socket's file permissions are the API's access check). <see cref="Problem"/> says why there are none.
/// </summary>
public sealed record AgentCounters(string Host, string Socket, JsonElement? Counters, string? Problem)
{
    /// <summary>Asks the agent behind <paramref name="socket"/>.</summary>
    public static AgentCounters Read(string host, string socket)
    {
        if (!File.Exists(socket))
        {
            return new(host, socket, null, $"no API socket at {socket}: is the agent running? ('hnv lab status' says)");
        }

        return LocalApi.TryGet(socket, "/v1/counters", out var problem) is { } counters
            ? new(host, socket, counters, null)
            : new(host, socket, null, $"the agent at {socket} did not answer: {problem}");
    }
}
