using System.IO.Compression;
using System.Text.Json;

namespace Verdict.Attack.Stix;

/// <summary>Bytes to knowledge base: gunzips when the data starts with 1f 8b, parses, checks it holds techniques.</summary>
internal static class AttackBundleLoader
{
    public static AttackLoadResult Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return AttackLoadResult.Fail($"cannot read ATT&CK data {path}: {e.Message}");
        }
        return FromBytes(bytes, bytes.Length, path);
    }

    public static AttackLoadResult Load(Stream stream, string name)
    {
        try
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return FromBytes(copy.GetBuffer(), (int)copy.Length, name);
        }
        catch (IOException e)
        {
            return AttackLoadResult.Fail($"cannot read {name}: {e.Message}");
        }
    }

    private static AttackLoadResult FromBytes(byte[] bytes, int length, string name)
    {
        ReadOnlyMemory<byte> json = bytes.AsMemory(0, length);
        try
        {
            if (length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) json = Gunzip(bytes, length);
        }
        catch (InvalidDataException e)
        {
            return AttackLoadResult.Fail($"{name} is not readable gzip data: {e.Message}");
        }
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];

        StixBundle? bundle;
        string error;
        try
        {
            bundle = StixReader.Read(json, out error);
        }
        catch (JsonException e)
        {
            return AttackLoadResult.Fail($"{name} is not valid JSON: {e.Message}");
        }
        if (bundle is null) return AttackLoadResult.Fail($"{name} is {error}");
        if (!bundle.Objects.Values.Any(o => o.Type == "attack-pattern" && o.AttackId.Length > 0))
        {
            return AttackLoadResult.Fail($"{name} is a STIX bundle without ATT&CK techniques (no attack-pattern with a mitre-attack ID)");
        }
        return AttackLoadResult.Ok(new AttackKnowledgeBase(AttackIndexBuilder.Build(bundle)));
    }

    private static ReadOnlyMemory<byte> Gunzip(byte[] bytes, int length)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes, 0, length), CompressionMode.Decompress);
        var output = new MemoryStream(capacity: length * 6);
        gzip.CopyTo(output);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
