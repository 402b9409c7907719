namespace Verdict.Alerts.Extraction;

/// <summary>Entities from fields whose meaning is known: a user field holds an account, a host field a machine, a process field an image.</summary>
internal static class FieldValues
{
    private static readonly HashSet<string> Placeholders = new(["-", "--", "n/a", "na", "none", "null", "(null)", "nil", "unknown", "?", "undefined"], StringComparer.OrdinalIgnoreCase);

    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value) || Placeholders.Contains(value.Trim());

    /// <summary>
    /// An account: "ACME\Bob" (tag "domain-account", attribute domain), "bob@acme.com" (a UPN: tag "upn", attribute upn;
    /// never an email, whatever it looks like), "bob", "WS01$" (tag "machine-account"); a SID in a user field is a SID.
    /// The value is the bare lower-case account name, as <see cref="EntityText.User"/> gives it.
    /// </summary>
    public static Entity? User(string? raw)
    {
        if (IsBlank(raw)) return null;
        var (text, rewritten) = Refanger.Refang(raw!.Trim());
        if (Sids.Parse(text) is { } sid) return sid;
        if (EntityText.User(text) is not { } name) return null;
        var tags = new List<string>();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var slash = text.LastIndexOf('\\');
        if (slash > 0)
        {
            tags.Add("domain-account");
            attributes["domain"] = text[..slash].ToLowerInvariant();
        }
        var account = text[(slash + 1)..];
        if (account.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < account.Length - 1)
        {
            tags.Add("upn");
            attributes["upn"] = account.ToLowerInvariant();
            attributes.TryAdd("domain", account[(at + 1)..].ToLowerInvariant());
        }
        if (name.EndsWith('$')) tags.Add("machine-account");
        if (rewritten is not null) tags.Add(Refanger.DefangedTag);
        return new Entity(EntityKind.User, name, tags, attributes);
    }

    /// <summary>A machine, FQDN kept and lower-cased; an address in a host field is an IP.</summary>
    public static Entity? Host(string? raw)
    {
        if (IsBlank(raw)) return null;
        var host = Refanger.Refang(raw!.Trim()).Text.TrimEnd('.');
        if (IpScanner.ParseValue(host) is { } ip) return ip;
        return host.Length == 0 ? null : new Entity(EntityKind.Host, host.ToLowerInvariant());
    }

    /// <summary>
    /// A process image from a process field. A value that is really a command line ("cmd.exe /c whoami") gives its
    /// program, with the command line as an attribute. Parents are tagged "parent".
    /// </summary>
    public static Entity? Process(string? raw, bool parent, string? commandLine = null)
    {
        if (IsBlank(raw)) return null;
        var value = raw!.Trim();
        if (FirstProgram(value) is not { } image) return null;
        if (image.Length < value.Trim('"').Length) commandLine ??= value;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (commandLine is not null && SameProgram(image, FirstProgram(commandLine))) attributes["command_line"] = commandLine;
        return new Entity(EntityKind.Process, image, parent ? ["parent"] : null, attributes);
    }

    /// <summary>The program a command line runs: the quoted first word, a Windows path (spaces in "Program Files" allowed), or the first word.</summary>
    public static string? FirstProgram(string commandLine)
    {
        var s = commandLine.Trim();
        if (s.Length == 0) return null;
        if (s[0] is '"' or '\'')
        {
            var close = s.IndexOf(s[0], 1);
            var quoted = (close < 0 ? s[1..] : s[1..close]).Trim();
            return quoted.Length == 0 ? null : quoted;
        }
        var end = PathScanner.WindowsPathEnd(s, 0);
        if (end < 0)
        {
            end = 0;
            while (end < s.Length && !char.IsWhiteSpace(s[end])) end++;
        }
        return s[..end];
    }

    /// <summary>"C:\Windows\System32\cmd.exe", "cmd.exe" and "CMD" are the same program.</summary>
    public static bool SameProgram(string a, string? b) => b is not null && string.Equals(ProgramName(a), ProgramName(b), StringComparison.OrdinalIgnoreCase);

    private static string ProgramName(string image)
    {
        var name = image[(image.LastIndexOfAny(['\\', '/']) + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }
}
