using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Hnv.Policy.Validation;

namespace Hnv.Policy.Documents;

/// <summary>
/// Reads and writes <see cref="PolicyDocument"/> JSON. Malformed JSON becomes a
/// <see cref="PolicyValidationException"/> whose problem names the field and position, never a bare JsonException.
/// </summary>
public static class PolicyJson
{
    /// <summary>Reads a document from JSON text.</summary>
    public static PolicyDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PolicyDocument? document = null;
        try
        {
            document = JsonSerializer.Deserialize(json, PolicyJsonContext.Default.PolicyDocument);
        }
        catch (JsonException e)
        {
            ThrowMalformed(e);
        }

        return document ?? ThrowNull();
    }

    /// <summary>Reads a document from a UTF-8 JSON stream.</summary>
    public static PolicyDocument Deserialize(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        PolicyDocument? document = null;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, PolicyJsonContext.Default.PolicyDocument);
        }
        catch (JsonException e)
        {
            ThrowMalformed(e);
        }

        return document ?? ThrowNull();
    }

    /// <summary>Writes a document as indented camelCase JSON, leaving out absent optional fields.</summary>
    public static string Serialize(PolicyDocument document) =>
        JsonSerializer.Serialize(document, PolicyJsonContext.Default.PolicyDocument);

    /// <summary>"$.virtualSubnets[0].vsid" -> "virtualSubnets[0].vsid"; the document itself is "$".</summary>
    private static string FieldOf(string? jsonPath) =>
        jsonPath is null or "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    [DoesNotReturn]
    private static void ThrowMalformed(JsonException e)
    {
        var where = e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {e.BytePositionInLine + 1}")
            : string.Empty;
        var problem = new PolicyProblem(
            FieldOf(e.Path),
            $"The policy document is not valid JSON for this field{where}: {e.Message}");
        throw new PolicyValidationException([problem], e);
    }

    [DoesNotReturn]
    private static PolicyDocument ThrowNull() =>
        throw new PolicyValidationException([new PolicyProblem("$", "The policy document is null; expected a JSON object.")]);
}
