namespace Verdict.Alerts.Extraction;

/// <summary>
/// Windows security identifiers (S-1-5-21-...-500). Well-known SIDs (S-1-5-18 SYSTEM, S-1-5-32-544 Administrators...)
/// and well-known RIDs of domain SIDs (500 Administrator, 502 krbtgt, 512 Domain Admins...) are tagged, and the
/// privileged ones also carry "privileged".
/// </summary>
internal static class Sids
{
    public const string Privileged = "privileged";
    private const int MaxSubAuthorities = 15;

    private static readonly Dictionary<string, (string Name, bool Privileged)> WellKnown = new(StringComparer.Ordinal)
    {
        ["S-1-0-0"] = ("Nobody", false),
        ["S-1-1-0"] = ("Everyone", false),
        ["S-1-5-7"] = ("Anonymous Logon", false),
        ["S-1-5-11"] = ("Authenticated Users", false),
        ["S-1-5-18"] = ("SYSTEM", true),
        ["S-1-5-19"] = ("LOCAL SERVICE", false),
        ["S-1-5-20"] = ("NETWORK SERVICE", false),
        ["S-1-5-32-544"] = ("Administrators", true),
        ["S-1-5-32-545"] = ("Users", false),
        ["S-1-5-32-546"] = ("Guests", false),
        ["S-1-5-32-548"] = ("Account Operators", true),
        ["S-1-5-32-549"] = ("Server Operators", true),
        ["S-1-5-32-551"] = ("Backup Operators", true),
        ["S-1-5-32-555"] = ("Remote Desktop Users", false),
    };

    private static readonly Dictionary<string, (string Name, bool Privileged)> DomainRids = new(StringComparer.Ordinal)
    {
        ["500"] = ("built-in Administrator", true),
        ["501"] = ("built-in Guest", false),
        ["502"] = ("krbtgt", true),
        ["512"] = ("Domain Admins", true),
        ["513"] = ("Domain Users", false),
        ["514"] = ("Domain Guests", false),
        ["515"] = ("Domain Computers", false),
        ["516"] = ("Domain Controllers", true),
        ["518"] = ("Schema Admins", true),
        ["519"] = ("Enterprise Admins", true),
        ["520"] = ("Group Policy Creator Owners", true),
        ["526"] = ("Key Admins", true),
        ["527"] = ("Enterprise Key Admins", true),
    };

    public static void Scan(ScanText t, EntitySet set)
    {
        var s = t.Text;
        for (var i = s.IndexOf("S-1-", StringComparison.OrdinalIgnoreCase); i >= 0; i = s.IndexOf("S-1-", i + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (i > 0 && (char.IsAsciiLetterOrDigit(s[i - 1]) || s[i - 1] is '-' or '_')) continue;
            var end = ReadEnd(s, i);
            if (end > 0 && Parse(s[i..end]) is { } sid) set.Add(sid);
        }
    }

    /// <summary>A whole value that is a SID ("S-1-5-18"), or null.</summary>
    public static Entity? Parse(string text)
    {
        var value = text.Trim();
        if (!value.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase) || ReadEnd(value, 0) != value.Length) return null;
        value = "S" + value[1..];
        var parts = value.Split('-');
        if (parts.Length < 4) return null;
        if (WellKnown.TryGetValue(value, out var known))
        {
            return Make(value, "well-known-sid", known, new() { ["name"] = known.Name });
        }
        if (parts.Length == 8 && parts[2] == "5" && parts[3] == "21" && DomainRids.TryGetValue(parts[7], out var rid))
        {
            return Make(value, $"well-known-rid:{parts[7]} ({rid.Name})", rid, new()
            {
                ["name"] = rid.Name, ["rid"] = parts[7], ["domain_sid"] = string.Join('-', parts[..7]),
            });
        }
        return new Entity(EntityKind.Sid, value);
    }

    private static Entity Make(string value, string tag, (string Name, bool Privileged) known, Dictionary<string, string> attributes) =>
        new(EntityKind.Sid, value, known.Privileged ? [tag, Privileged] : [tag], attributes);

    // "S-1-" then the authority and sub-authorities, each up to ten digits; -1 when what follows is not a SID.
    private static int ReadEnd(string s, int i)
    {
        var j = i + 4;
        var groups = 0;
        while (true)
        {
            var start = j;
            while (j < s.Length && j - start < 10 && char.IsAsciiDigit(s[j])) j++;
            if (j == start) return -1;
            groups++;
            if (groups > MaxSubAuthorities + 1 || !(j + 1 < s.Length && s[j] == '-' && char.IsAsciiDigit(s[j + 1]))) break;
            j++;
        }
        if (groups < 2 || (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_'))) return -1;
        return j;
    }
}
