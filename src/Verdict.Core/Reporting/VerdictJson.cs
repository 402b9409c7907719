using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verdict.Reporting;

/// <summary>Source-generated JSON for everything Verdict writes: snake_case names, UPPERCASE verdict words, nulls omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(BriefEntry))]
[JsonSerializable(typeof(IncidentEntry))]
[JsonSerializable(typeof(List<BriefEntry>))]
[JsonSerializable(typeof(List<IncidentEntry>))]
public sealed partial class VerdictJson : JsonSerializerContext;

/// <summary>
/// Writes a JSON array one element at a time, so output never has to be held in memory whole. Elements are serialised
/// into a memory buffer that goes to the file in large blocks (serialising straight to the file flushed it once per
/// element: a system call per brief).
/// </summary>
public sealed class JsonArrayWriter<T> : IDisposable
{
    private const int BlockBytes = 256 * 1024;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(BlockBytes + BlockBytes / 4);
    private readonly Utf8JsonWriter _writer;
    private readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> _type;

    public JsonArrayWriter(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        _stream = File.Create(path);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _type = type;
        _writer.WriteStartArray();
    }

    public void Write(T item)
    {
        JsonSerializer.Serialize(_writer, item, _type);
        if (_buffer.WrittenCount >= BlockBytes) Drain();
    }

    private void Drain()
    {
        _writer.Flush();
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private bool _done;

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _writer.WriteEndArray();
        Drain();
        _writer.Dispose();
        _stream.WriteByte((byte)'\n');
        _stream.Dispose();
    }
}
