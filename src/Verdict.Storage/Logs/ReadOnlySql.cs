using System.Text;
using System.Text.RegularExpressions;

namespace Verdict.Storage.Logs;

/// <summary>
/// The text check in front of <c>query_logs</c>: one SELECT (or WITH ... SELECT) statement, no statement or function
/// that writes, configures, loads code or reads files, wherever it appears (subqueries and CTEs included). Comments are
/// removed and string literals blanked first, so neither hides nor fakes a keyword. It is a second wall: the database
/// is also opened read-only, with external access and configuration locked.
/// </summary>
internal static partial class ReadOnlySql
{
    private static readonly HashSet<string> ForbiddenWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "DROP", "DELETE", "UPDATE", "INSERT", "CREATE", "ALTER", "COPY", "ATTACH", "DETACH", "INSTALL", "LOAD",
        "PRAGMA", "SET", "RESET", "CALL", "EXPORT", "IMPORT", "TRUNCATE", "VACUUM", "CHECKPOINT", "USE", "MERGE",
        "GLOB", "SNIFF_CSV", "GETENV",
    };

    /// <summary>Functions that run SQL from a string; refused when called (a CTE may still be named "query").</summary>
    private static readonly HashSet<string> ForbiddenCalls = new(StringComparer.OrdinalIgnoreCase) { "QUERY", "QUERY_TABLE" };

    /// <summary>Families of table functions that read files or other databases.</summary>
    private static readonly string[] ForbiddenPrefixes = ["read_", "parquet_", "iceberg_", "delta_", "sqlite_", "postgres_", "mysql_"];

    /// <summary>Null when the query may run, else the reason (for a model).</summary>
    public static string? Check(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) return "the query is empty; send one SELECT statement";
        if (Mask(sql, out var masked) is { } lexError) return lexError;
        var body = masked.TrimEnd().TrimEnd(';').TrimEnd();
        if (body.Contains(';', StringComparison.Ordinal)) return "send a single statement (no ';' between statements)";
        var words = Word().Matches(body);
        if (words.Count == 0) return "send one SELECT statement";
        var first = words[0].Value.ToUpperInvariant();
        if (first is not ("SELECT" or "WITH")) return $"only SELECT (or WITH ... SELECT) is allowed, not {first}";
        foreach (Match word in words)
        {
            var w = word.Value;
            if (ForbiddenWords.Contains(w)) return $"{w.ToUpperInvariant()} is not allowed; the log store is read-only";
            if (ForbiddenPrefixes.Any(p => w.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                return $"{w.ToLowerInvariant()} reads files and is not allowed; query the table {LogSchema.Table}";
            if (ForbiddenCalls.Contains(w) && body.AsSpan(word.Index + word.Length).TrimStart().StartsWith("("))
                return $"{w.ToLowerInvariant()}() is not allowed; write the SELECT directly";
        }
        if (FromString().IsMatch(body)) return $"reading a file named in FROM is not allowed; query the table {LogSchema.Table}";
        return null;
    }

    /// <summary>The query without trailing semicolons (and the whitespace around them), ready to be wrapped.</summary>
    public static string StripTrailingSemicolons(string sql)
    {
        var s = sql.TrimEnd();
        while (s.EndsWith(';')) s = s[..^1].TrimEnd();
        return s;
    }

    /// <summary>
    /// Replaces comments with a space and string literals with <c>''</c>; keeps quoted identifiers' text, unquoted,
    /// so <c>"read_text"(...)</c> is still seen. Dollar quoting is refused rather than parsed.
    /// </summary>
    private static string? Mask(string sql, out string masked)
    {
        var sb = new StringBuilder(sql.Length);
        masked = "";
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '-' && next == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                sb.Append(' ');
            }
            else if (c == '/' && next == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) return "unterminated /* comment";
                i = end + 1;
                sb.Append(' ');
            }
            else if (c == '\'')
            {
                var escapes = i > 0 && sql[i - 1] is 'e' or 'E' && (i < 2 || !char.IsLetterOrDigit(sql[i - 2]) && sql[i - 2] != '_');
                if (!SkipQuoted(sql, ref i, '\'', escapes)) return "unterminated string literal";
                sb.Append(" '' ");
            }
            else if (c == '"')
            {
                var start = i;
                if (!SkipQuoted(sql, ref i, '"', false)) return "unterminated quoted identifier";
                sb.Append(' ').Append(sql.AsSpan(start + 1, i - start - 1).ToString().Replace("\"\"", "\"", StringComparison.Ordinal)).Append(' ');
            }
            else if (c == '$') return "'$' is not allowed (no parameters or dollar-quoted strings)";
            else sb.Append(c);
        }
        masked = sb.ToString();
        return null;
    }

    /// <summary>Moves <paramref name="i"/> from an opening quote to its closing one; a doubled quote is literal.</summary>
    private static bool SkipQuoted(string sql, ref int i, char quote, bool backslashEscapes)
    {
        for (i++; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\') { i++; continue; }
            if (sql[i] != quote) continue;
            if (i + 1 < sql.Length && sql[i + 1] == quote) { i++; continue; }
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(FROM|JOIN)\s*\(?\s*''", RegexOptions.IgnoreCase)]
    private static partial Regex FromString();
}
