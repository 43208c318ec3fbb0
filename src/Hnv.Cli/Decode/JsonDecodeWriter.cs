using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hnv.Cli.Decode;

/// <summary>
/// Writes a JSON array, one object per packet, streamed: each packet goes out as soon as it is decoded, so a
/// capture of any size needs memory for one packet only.
/// </summary>
internal sealed class JsonDecodeWriter : IDecodeWriter, IDisposable
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;

    public JsonDecodeWriter(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true });
        _json.WriteStartArray();
    }

    /// <inheritdoc />
    public void Write(DecodedPacket packet)
    {
        JsonSerializer.Serialize(_json, packet, DecodeJsonContext.Default.DecodedPacket);
        Drain();
    }

    /// <inheritdoc />
    public void Complete()
    {
        _json.WriteEndArray();
        Drain();
        _output.WriteLine();
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void Drain()
    {
        _json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
