using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hnv.Controller.Documents;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Api;

/// <summary>
/// Reads a request body strictly (ClientJsonContext.Strict): malformed JSON, a wrong type, an unknown or repeated
/// field is a 400 naming the field, never a half-read item; a body over <see cref="MaxBodyBytes"/> is a 413.
/// </summary>
internal static class RequestBody
{
    /// <summary>The largest body read (Kestrel's limit too): a batch of some ten thousand items fits.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiResults.Problem(415, "The body must be JSON (Content-Type: application/json).", [new PolicyProblem("$", "Send the item as a JSON object with Content-Type: application/json.")]));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null
                ? (null, ApiResults.Invalid("$", "The body is null; expected a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.Problem(400, "The body is not valid JSON for this item.", [new PolicyProblem(FieldOf(e.Path), Describe(e))]));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge()); // a chunked body that passed the limit while being read
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiResults.Problem(e.StatusCode, "The body could not be read.", [new PolicyProblem("$", e.Message)]));
        }
    }

    private static IResult TooLarge() =>
        ApiResults.Problem(413, "The body is too large.", [new PolicyProblem("$", $"Send at most {MaxBodyBytes / (1024 * 1024)} MiB; split a large batch into several.")]);

    /// <summary>
    /// Reads a body strictly, lets <paramref name="fill"/> complete it from the path (a key the body may leave out),
    /// then reads the item; the error is the 4xx answer with every field that is wrong.
    /// </summary>
    public static async Task<(TItem? Item, IResult? Error)> ReadItemAsync<TDocument, TItem>(
        HttpRequest request, JsonTypeInfo<TDocument> type, string what, Func<ResourceReader, TDocument, TItem?> read, Action<TDocument>? fill = null)
        where TDocument : class
        where TItem : class
    {
        var (body, error) = await ReadAsync(request, type).ConfigureAwait(false);
        if (body is null)
        {
            return (null, error);
        }

        fill?.Invoke(body);
        var problems = new List<PolicyProblem>();
        return read(new ResourceReader(problems), body) is { } item && problems.Count == 0
            ? (item, null)
            : (null, ApiResults.Problem(400, $"The {what} is not valid.", problems));
    }

    /// <summary>"$.addresses[1]" -> "addresses[1]"; the body itself is "$".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>A sentence for an operator: what is wrong with the field, without .NET type names.</summary>
    private static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : string.Empty;
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"This is not a field of this item; leave it out (the OpenAPI document at /openapi/v1.json lists the fields){where}.";
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            return $"The field appears more than once; give each field once{where}.";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var expected = message.Contains("Int64", StringComparison.Ordinal) || message.Contains("Int32", StringComparison.Ordinal) ? "a whole number"
                : message.Contains("List", StringComparison.Ordinal) ? "an array"
                : message.Contains("String", StringComparison.Ordinal) ? "a string"
                : message.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : "another type";
            return $"The value has the wrong type or is out of range; expected {expected}{where}.";
        }

        return $"The body is not valid JSON{where}: {message.Split(" Path:", 2)[0]}";
    }
}
