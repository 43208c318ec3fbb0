using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hnv.Cli.Output;

namespace Hnv.Cli.Management;

/// <summary>
/// How one kind of resource is shown: its table columns, and its JSON (the API's own form, so `-o json` output
/// can be fed back to the API or to jq).
/// </summary>
internal sealed class ResourceView<T>(JsonTypeInfo<T> json, params (string Header, Func<T, string?> Cell)[] columns)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>A table with one row per item, or a JSON array.</summary>
    public void WriteList(IEnumerable<T> items, bool asJson, TextWriter output)
    {
        if (asJson)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    JsonSerializer.Serialize(writer, item, json);
                }

                writer.WriteEndArray();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        var table = new TextTable(columns.Select(c => c.Header).ToArray());
        foreach (var item in items)
        {
            table.Add(columns.Select(c => Cell(c.Cell(item))).ToArray());
        }

        table.Write(output);
    }

    /// <summary>"FIELD  value" lines, or one JSON object.</summary>
    public void WriteItem(T item, bool asJson, TextWriter output)
    {
        if (asJson)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                JsonSerializer.Serialize(writer, item, json);
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        var width = columns.Max(c => c.Header.Length);
        foreach (var (header, cell) in columns)
        {
            output.WriteLine($"{header.PadRight(width)}  {Cell(cell(item))}");
        }
    }

    private static string Cell(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
