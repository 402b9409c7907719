namespace Verdict.Attack;

/// <summary>Technique IDs as people type them: "T1059", "t1059.001", " T1059 ".</summary>
public static class AttackIds
{
    /// <summary>The canonical form (trimmed, upper case) of a technique ID, or false when the text is not one.</summary>
    public static bool TryNormalizeTechniqueId(string? text, out string id)
    {
        id = (text ?? "").Trim().ToUpperInvariant();
        return IsTechniqueId(id);
    }

    /// <summary>True for T followed by four digits, optionally a dot and three digits (T1059, T1059.001).</summary>
    public static bool IsTechniqueId(string id) =>
        (id.Length == 5 || (id.Length == 9 && id[5] == '.' && AllDigits(id.AsSpan(6))))
        && id[0] == 'T' && AllDigits(id.AsSpan(1, 4));

    /// <summary>Why <paramref name="text"/> is not a technique ID, written for a person.</summary>
    public static string InvalidIdMessage(string? text) =>
        $"'{(text ?? "").Trim()}' is not an ATT&CK technique ID (expected T and four digits, optionally a sub-technique suffix: T1059 or T1059.001)";

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
