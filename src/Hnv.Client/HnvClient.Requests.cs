using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hnv.Client.Json;
using Hnv.Client.Problems;

namespace Hnv.Client;

public sealed partial class HnvClient
{
    private async Task<T> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        await ReadAsync(await SendRawAsync(new HttpRequestMessage(method, path), cancellationToken).ConfigureAwait(false), answer, cancellationToken)
            .ConfigureAwait(false);

    private async Task<TAnswer> SendAsync<TBody, TAnswer>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TAnswer> answer, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, bodyType) };
        return await ReadAsync(await SendRawAsync(request, cancellationToken).ConfigureAwait(false), answer, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendNoAnswerAsync<TBody>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, bodyType) };
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(method, path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends and throws <see cref="HnvApiException"/> on an error status; the caller disposes the answer.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new HnvApiException($"Cannot reach the controller at {_address}: {e.Message}. Check --controller (or HNV_CONTROLLER) and that the controller runs.", e);
            }

            if (response.Headers.TryGetValues(ApiPaths.RevisionHeader, out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                LastRevision = revision;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await ErrorOf(request, response, cancellationToken).ConfigureAwait(false);
                }
            }

            return response;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (response)
        {
            try
            {
                var value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
                return value ?? throw new HnvApiException(response.StatusCode, null, "The controller answered with an empty body.");
            }
            catch (JsonException e)
            {
                throw new HnvApiException($"The controller's answer is not the JSON expected: {e.Message}", e);
            }
        }
    }

    private static async Task<HnvApiException> ErrorOf(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ApiProblem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.ApiProblem, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not problem details (a proxy's page, an empty body): the status alone must do.
        }

        // "POST /api/v1/network-interfaces: 409 Conflict: addresses: The CA 10.0.0.12 of VSID 5001 is already used ..."
        var items = problem?.Problems is { Count: > 0 } listed
            ? listed.Select(p => string.IsNullOrEmpty(p.Field) || p.Field == "$" ? p.Message : $"{p.Field}: {p.Message}").ToList()
            : [];
        var lead = problem?.Title is { Length: > 0 } title && !(problem.Problems ?? []).Any(p => p.Message == title) ? title + " " : string.Empty;
        if (items.Count == 0)
        {
            items.Add(problem?.Detail is { Length: > 0 } detail ? detail : lead.Length > 0 ? string.Empty : Default(response.StatusCode));
        }

        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString;
        var message = $"{request.Method} {path}: {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}: {lead}{string.Join("; ", items)}".TrimEnd();
        return new HnvApiException(response.StatusCode, problem, message);
    }

    private static string Default(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "no valid token; give one with --token-file or HNV_TOKEN_FILE (or --token, HNV_TOKEN)",
        HttpStatusCode.Forbidden => "this token may not do that (a read token cannot write; an agent token sees only its host)",
        HttpStatusCode.NotFound => "not found",
        _ => status.ToString(),
    };

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Segment(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
