namespace Verdict.Ingest;

/// <summary>What a recorded command line says about its program, for products that record a process by its command only.</summary>
public static class CommandLines
{
    /// <summary>The program a command line starts: its quoted first token, else up to ".exe" (paths with spaces), else its first word.</summary>
    public static string? Program(string? commandLine)
    {
        var s = commandLine?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        if (s.StartsWith('"')) return s.IndexOf('"', 1) is var end and > 1 ? s[1..end] : null;
        var exe = s.IndexOf(".exe", StringComparison.OrdinalIgnoreCase);
        if (exe > 0 && (exe + 4 == s.Length || s[exe + 4] == ' ')) return s[..(exe + 4)];
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? s : s[..space];
    }
}
