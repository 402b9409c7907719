namespace Verdict.Alerts.Extraction;

/// <summary>
/// File paths in free text: Windows drive paths (C:\...), UNC paths (\\server\share\...), paths that start at an
/// environment variable (%APPDATA%\...), and Unix paths under the usual roots (/etc, /tmp, /home...) or ~/.
/// A quoted path runs to its closing quote; an unquoted one stops at white space, except inside the few folder
/// names Windows itself spells with spaces ("Program Files (x86)").
/// </summary>
internal static class PathScanner
{
    private const int MaxPath = 1024;

    private static readonly string[] UnixRoots =
    [
        "/etc", "/tmp", "/var", "/home", "/root", "/usr", "/opt", "/dev", "/bin", "/sbin", "/lib", "/lib64", "/proc",
        "/srv", "/mnt", "/media", "/run", "/boot", "/sys", "/Users", "/Library", "/System", "/Applications", "/private", "/Volumes",
    ];

    private static readonly string[] SpacedFolders =
    [
        "Program Files (x86)", "Program Files", "Common Files", "Documents and Settings", "Windows Defender",
        "Windows NT", "Internet Explorer", "Microsoft Office", "Windows Kits", "Start Menu",
    ];

    /// <summary>Finds paths, skipping any equal to one of <paramref name="skip"/> (process images already reported).</summary>
    public static void Scan(ScanText t, EntitySet set, IReadOnlySet<string> skip)
    {
        var s = t.Text;
        for (var i = 0; i < s.Length; i++)
        {
            var end = WindowsPathEnd(s, i);
            if (end < 0) end = UnixPathEnd(s, i);
            if (end < 0) continue;
            end = TrimEnd(s, i, end);
            if (!t.Taken(i, end, Claim.Name))
            {
                var path = s[i..end];
                t.Take(i, end, Claim.Name);
                if (!skip.Contains(path)) set.Add(new Entity(EntityKind.FilePath, path));
                if (path.StartsWith(@"\\", StringComparison.Ordinal) && IpScanner.ParseValue(path[2..path.IndexOf('\\', 2)]) is { } ip) set.Add(ip);
            }
            i = end - 1;
        }
    }

    /// <summary>The end of a Windows path that starts at <paramref name="i"/>, or -1.</summary>
    public static int WindowsPathEnd(string s, int i)
    {
        if (i > 0 && (char.IsAsciiLetterOrDigit(s[i - 1]) || s[i - 1] is '\\' or '%' or '_')) return -1;
        int body;
        if (char.IsAsciiLetter(s[i]) && At(s, i + 1) == ':' && At(s, i + 2) is '\\' or '/' && IsPathChar(At(s, i + 3)))
        {
            body = i + 3;
        }
        else if (s[i] == '\\' && At(s, i + 1) == '\\' && char.IsAsciiLetterOrDigit(At(s, i + 2)))
        {
            body = i + 2;
            while (body < s.Length && (char.IsAsciiLetterOrDigit(s[body]) || s[body] is '.' or '-' or '_' or '$')) body++;
            if (At(s, body) != '\\' || !IsPathChar(At(s, body + 1))) return -1;
        }
        else if (s[i] == '%' && EnvironmentVariableEnd(s, i) is > 0 and var envEnd && At(s, envEnd) == '\\')
        {
            body = envEnd;
        }
        else
        {
            return -1;
        }
        return i > 0 && s[i - 1] is '"' ? QuotedEnd(s, body, '"') : UnquotedEnd(s, i, body, windows: true);
    }

    private static int EnvironmentVariableEnd(string s, int i)
    {
        var j = i + 1;
        if (!char.IsAsciiLetter(At(s, j))) return -1;
        while (j < s.Length && j - i < 40 && (char.IsAsciiLetterOrDigit(s[j]) || s[j] is '_' or '(' or ')')) j++;
        return At(s, j) == '%' ? j + 1 : -1;
    }

    private static int UnixPathEnd(string s, int i)
    {
        if (i > 0 && !(char.IsWhiteSpace(s[i - 1]) || s[i - 1] is '"' or '\'' or '=' or '(' or '[' or ',' or ';' or '>' or '<' or '|' or '`')) return -1;
        if (s[i] == '~' && At(s, i + 1) == '/' && IsPathChar(At(s, i + 2))) return UnquotedEnd(s, i, i + 2, windows: false);
        if (s[i] != '/') return -1;
        foreach (var root in UnixRoots)
        {
            if (string.CompareOrdinal(s, i, root, 0, root.Length) != 0) continue;
            var after = At(s, i + root.Length);
            if (after == '/' || !IsPathChar(after)) return i > 0 && s[i - 1] is '"' or '\'' ? QuotedEnd(s, i, s[i - 1]) : UnquotedEnd(s, i, i + root.Length, windows: false);
        }
        return -1;
    }

    private static int QuotedEnd(string s, int body, char quote)
    {
        var j = body;
        while (j < s.Length && j - body < MaxPath && s[j] != quote && s[j] is not ('\n' or '\r')) j++;
        return j;
    }

    private static int UnquotedEnd(string s, int start, int body, bool windows)
    {
        var j = body;
        while (j < s.Length && j - start < MaxPath)
        {
            if (windows && (j == body || s[j - 1] == '\\') && SpacedFolder(s, j) is { } folder)
            {
                j += folder.Length;
                continue;
            }
            if (!IsPathChar(s[j])) break;
            j++;
        }
        return j;
    }

    private static string? SpacedFolder(string s, int j) =>
        SpacedFolders.FirstOrDefault(f => string.Compare(s, j, f, 0, f.Length, StringComparison.OrdinalIgnoreCase) == 0
            && At(s, j + f.Length) is '\\' or '\0' or ' ' or '"' or '\'');

    private static int TrimEnd(string s, int start, int end)
    {
        while (end > start + 1 && s[end - 1] is '.' or ',' or ':' or ';' or '!' or '?') end--;
        return end;
    }

    private static bool IsPathChar(char c) =>
        c > ' ' && !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '<' or '>' or '|' or '*' or '?' or ',' or ';' or '`' or '&' or '(' or ')');

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';
}
