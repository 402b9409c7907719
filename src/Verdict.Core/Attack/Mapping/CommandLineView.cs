using System.Text;
using System.Text.RegularExpressions;

namespace Verdict.Attack.Mapping;

/// <summary>
/// A command line made readable for matching: cmd carets and PowerShell backticks and string concatenation
/// removed, -EncodedCommand and other base64 payloads decoded (recursively), lower-cased, with the programs it runs.
/// </summary>
public sealed partial class CommandLineView
{
    private const int MaxDecodeDepth = 3;

    /// <summary>Normalised (lower-case, de-obfuscated) text of the command and of everything decoded from it.</summary>
    public string Text { get; }
    /// <summary>Payloads decoded from base64, as readable text (shown to analysts).</summary>
    public IReadOnlyList<string> Decoded { get; }
    /// <summary>Program names the command runs, lower-case without path or extension (e.g. "powershell", "certutil").</summary>
    public IReadOnlySet<string> Programs { get; }

    public CommandLineView(string commandLine)
    {
        var decoded = new List<string>();
        var parts = new List<string> { Normalize(commandLine) };
        Decode(commandLine, decoded, parts, 0);
        Text = string.Join("\n", parts);
        Decoded = decoded;
        Programs = FindPrograms(Text);
    }

    public bool Runs(string program) => Programs.Contains(program);

    /// <summary>Removes the obfuscation that changes how text looks but not what it runs.</summary>
    public static string Normalize(string s)
    {
        s = s.Replace("^", "", StringComparison.Ordinal);                   // cmd escapes: p^o^w^e^r^s^h^e^l^l
        s = Backtick().Replace(s, "$1");                                     // PowerShell escapes: I`nv`oke
        s = Concat().Replace(s, "");                                         // 'Inv'+'oke-Expression'
        s = s.Replace("\"\"", "", StringComparison.Ordinal);                 // p""owershell
        return Spaces().Replace(s.ToLowerInvariant(), " ");
    }

    private static void Decode(string s, List<string> decoded, List<string> parts, int depth)
    {
        if (depth >= MaxDecodeDepth) return;
        foreach (Match m in EncodedCommand().Matches(s))
        {
            Add(TryBase64(m.Groups[1].Value, utf16: true), decoded, parts, depth);
        }
        foreach (Match m in Base64Blob().Matches(s))
        {
            if (EncodedCommand().IsMatch(s) && s.Contains(m.Value, StringComparison.Ordinal) && decoded.Count > 0) continue;
            Add(TryBase64(m.Value, utf16: false) ?? TryBase64(m.Value, utf16: true), decoded, parts, depth);
        }
    }

    private static void Add(string? text, List<string> decoded, List<string> parts, int depth)
    {
        if (text is null || decoded.Contains(text)) return;
        decoded.Add(text);
        parts.Add(Normalize(text));
        Decode(text, decoded, parts, depth + 1);
    }

    /// <summary>Decodes base64 that turns out to be readable text; anything else (binary, garbage) is ignored.</summary>
    private static string? TryBase64(string value, bool utf16)
    {
        var s = value.Trim('\'', '"');
        if (s.Length % 4 != 0) s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        var bytes = new byte[s.Length];
        if (!Convert.TryFromBase64String(s, bytes, out var n) || n < 6) return null;
        var text = utf16 ? Encoding.Unicode.GetString(bytes, 0, n & ~1) : Encoding.UTF8.GetString(bytes, 0, n);
        var printable = text.Count(c => c is >= ' ' and < '\u007f' or '\n' or '\r' or '\t');
        return printable >= text.Length * 0.9 ? text.TrimEnd('\0') : null;
    }

    /// <summary>The first word of each command segment (split at |, &amp;, ;, newlines and after cmd /c, sh -c, -command).</summary>
    private static HashSet<string> FindPrograms(string text)
    {
        var programs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in Segment().Split(text))
        {
            var word = segment.TrimStart(' ', '"', '\'', '(', '@', '.', '{').Split(' ', 2)[0].Trim('"', '\'', ')');
            var slash = word.LastIndexOfAny(['\\', '/']);
            if (slash >= 0) word = word[(slash + 1)..];
            var dot = word.LastIndexOf('.');
            if (dot > 0 && word[(dot + 1)..] is "exe" or "com" or "bat" or "cmd" or "ps1" or "vbs" or "js" or "hta" or "py" or "sh") word = word[..dot];
            if (word.Length > 1 && char.IsAsciiLetterOrDigit(word[0])) programs.Add(word);
        }
        return programs;
    }

    [GeneratedRegex(@"`([a-zA-Z])")]
    private static partial Regex Backtick();

    [GeneratedRegex(@"['""]\s*\+\s*['""]")]
    private static partial Regex Concat();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?i)(?:^|\s)[-/](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedcommand)\s+['""]?([A-Za-z0-9+/]{16,}={0,2})")]
    private static partial Regex EncodedCommand();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{32,}={0,2}(?![A-Za-z0-9+/])")]
    private static partial Regex Base64Blob();

    [GeneratedRegex(@"\|\||&&|[|&;\n]|(?:^|\s)(?:/c|/k|/r|-c|-command|-comm|-com)\s")]
    private static partial Regex Segment();
}
