using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Verdict.Attack.Mapping;

/// <summary>
/// The technique vectors of one embedding model, kept in a file so that they are computed once. The file name comes
/// from the provider, endpoint and model; inside, a fingerprint of the model identity and of every technique document
/// (ID and text) says what the vectors were made from. A file that is missing, unreadable, truncated, of another
/// format or with another fingerprint (ATT&CK updated, document text changed) is ignored and then rewritten: the new
/// file is written beside it and moved over it, so a reader never sees half a file.
/// </summary>
internal sealed class SemanticIndexCache
{
    private const string Magic = "verdict-technique-vectors";
    private const int FormatVersion = 1;

    private readonly string _fingerprint;

    private SemanticIndexCache(string path, string fingerprint)
    {
        Path = path;
        _fingerprint = fingerprint;
    }

    public string Path { get; }

    /// <summary>The cache for this model and these documents; null when the generator does not name its model (nothing safe to key on).</summary>
    public static SemanticIndexCache? For(string folder, EmbeddingGeneratorMetadata? metadata, IReadOnlyList<(string Id, string Text)> documents)
    {
        if (string.IsNullOrWhiteSpace(metadata?.DefaultModelId)) return null;
        var model = $"{metadata.ProviderName}\n{metadata.ProviderUri}\n{metadata.DefaultModelId}\n{metadata.DefaultModelDimensions}";
        var content = new StringBuilder(model).Append('\n');
        foreach (var (id, text) in documents) content.Append(id).Append('\t').Append(text).Append('\n');
        var name = $"techniques-{Hash(model)[..16]}.vectors";
        return new SemanticIndexCache(System.IO.Path.Combine(folder, name), Hash(content.ToString()));
    }

    /// <summary>The vectors, in the order of <paramref name="ids"/>, when the file holds exactly those; else null.</summary>
    public float[][]? TryRead(string[] ids)
    {
        try
        {
            if (!File.Exists(Path)) return null;
            using var reader = new BinaryReader(File.OpenRead(Path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != _fingerprint) return null;
            var (count, dimensions) = (reader.ReadInt32(), reader.ReadInt32());
            if (count != ids.Length || dimensions <= 0 || dimensions > 1 << 16) return null;
            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                if (reader.ReadString() != ids[i]) return null;
                var vector = new float[dimensions];
                for (var d = 0; d < dimensions; d++) vector[d] = reader.ReadSingle();
                if (vector.Any(x => !float.IsFinite(x))) return null;
                vectors[i] = vector;
            }
            return reader.BaseStream.Position == reader.BaseStream.Length ? vectors : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the vectors (temporary file, then an atomic move); false when the folder cannot be written.</summary>
    public bool TryWrite(string[] ids, float[][] vectors)
    {
        var temp = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using (var writer = new BinaryWriter(File.Create(temp), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(_fingerprint);
                writer.Write(ids.Length);
                writer.Write(vectors.Length == 0 ? 1 : vectors[0].Length);
                for (var i = 0; i < ids.Length; i++)
                {
                    writer.Write(ids[i]);
                    foreach (var x in vectors[i]) writer.Write(x);
                }
            }
            File.Move(temp, Path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is never read.
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
