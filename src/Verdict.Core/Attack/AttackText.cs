using System.Text.RegularExpressions;

namespace Verdict.Attack;

/// <summary>Cleans ATT&CK text for display: MITRE's "(Citation: Source)" markers point at references we do not show.</summary>
public static partial class AttackText
{
    /// <summary>Removes every "(Citation: ...)" marker and the spaces before it, then trims the text.</summary>
    public static string StripCitations(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Contains("(Citation:", StringComparison.Ordinal)) return text.Trim();
        return Citation().Replace(text, "").Trim();
    }

    [GeneratedRegex(@"[ \t]*\(Citation:[^)]*\)")]
    private static partial Regex Citation();
}
