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

/// <summary>Writes a JSON array one element at a time, so output never has to be held in memory whole.</summary>
public sealed class JsonArrayWriter<T> : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> _type;

    public JsonArrayWriter(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        _stream = File.Create(path);
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _type = type;
        _writer.WriteStartArray();
    }

    public void Write(T item)
    {
        JsonSerializer.Serialize(_writer, item, _type);
        if (_writer.BytesPending > 1 << 16) _writer.Flush(); // the writer buffers until flushed: a large run would hold its whole file
    }

    private bool _done;

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _writer.WriteEndArray();
        _writer.Flush();
        _writer.Dispose();
        _stream.WriteByte((byte)'\n');
        _stream.Dispose();
    }
}
