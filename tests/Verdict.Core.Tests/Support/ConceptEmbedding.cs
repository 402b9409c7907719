using System.Text.RegularExpressions;

namespace Verdict.Tests.Support;

/// <summary>
/// A tiny deterministic "embedding model" for tests: one dimension per concept, a word adding 1 to its concept's
/// dimension, so texts about the same thing in different words land close together ("steal saved browser passwords"
/// next to "acquire credentials from web browsers"). Words outside the table count on a last, weak dimension.
/// Shared by the in-process fake generator and the local Ollama/OpenAI test servers.
/// </summary>
internal static partial class ConceptEmbedding
{
    private static readonly string[][] Concepts =
    [
        ["password", "passwords", "credential", "credentials", "login", "logins", "username", "usernames", "secret", "secrets"],
        ["browser", "browsers", "chrome", "firefox", "edge", "web", "website"],
        ["steal", "stolen", "acquire", "extract", "dump", "grab", "harvest", "obtain", "obtained"],
        ["save", "saved", "store", "stored", "stores", "cached", "keep"],
        ["cookie", "cookies", "session", "sessions", "hijacking"],
        ["screen", "screenshot", "captures", "capture", "desktop"],
        ["encrypt", "encrypted", "encrypting", "ransom", "decryption"],
        ["task", "scheduler", "scheduling", "scheduled", "cron", "recurring"],
        ["powershell", "scripts", "script", "commands"],
        ["memory", "lsass", "process"],
        ["enumerate", "discover", "bookmarks", "history", "browsing"],
        ["cracking", "hashes", "hash", "plaintext", "recover"],
        ["files", "file", "shares", "configuration"],
    ];

    private static readonly Dictionary<string, int> Dimension = Concepts
        .SelectMany((words, i) => words.Select(w => (w, i)))
        .ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);

    /// <summary>Dimensions of every vector: the concepts plus one for other words.</summary>
    public static int Dimensions => Concepts.Length + 1;

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            if (Dimension.TryGetValue(m.Value, out var d)) vector[d] += 1;
            else vector[^1] += 0.05f;
        }
        return vector;
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();
}
