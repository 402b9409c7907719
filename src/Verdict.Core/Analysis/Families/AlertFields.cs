using System.Collections.Concurrent;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families;

/// <summary>
/// Reads an alert's raw fields by meaning, tolerant of absence: a canonical field (whatever the source called it,
/// through the built-in aliases) or any of a few raw names (compared after <see cref="FieldNames.Normalize"/>, and
/// also by their last dotted segment, so "userIdentity.type" answers "useridentity.type" and "type").
/// Names are normalised once per distinct column name and cached, so a lookup allocates nothing.
/// </summary>
public static class AlertFields
{
    private static readonly ConcurrentDictionary<string, (CanonicalField? Canonical, string Normal, string Last)> Names = new(StringComparer.Ordinal);

    private static (CanonicalField? Canonical, string Normal, string Last) Name(string key) => Names.GetOrAdd(key, k =>
    {
        var normal = FieldNames.Normalize(k);
        var dot = normal.LastIndexOf('.');
        return (FieldNames.Recognize(k), normal, dot >= 0 ? normal[(dot + 1)..] : normal);
    });

    /// <summary>The first non-empty value of the canonical field.</summary>
    public static string? Field(this Alert alert, CanonicalField field)
    {
        foreach (var (key, value) in alert.Fields)
        {
            if (Name(key).Canonical == field && !string.IsNullOrWhiteSpace(value)) return value.Trim();
        }
        return null;
    }

    /// <summary>The first non-empty value of a field with one of these names (compared normalised: case, '_' and '-' ignored).</summary>
    public static string? Raw(this Alert alert, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            var wanted = Name(name).Normal;
            foreach (var (key, value) in alert.Fields)
            {
                if (string.IsNullOrWhiteSpace(value)) continue;
                var n = Name(key);
                if (n.Normal == wanted || n.Last == wanted) return value.Trim();
            }
        }
        return null;
    }

    /// <summary>True when any field has one of these names.</summary>
    public static bool Has(this Alert alert, params ReadOnlySpan<string> names) => alert.Raw(names) is not null;

    /// <summary>True when any canonical field of these kinds is present.</summary>
    public static bool HasAny(this Alert alert, params ReadOnlySpan<CanonicalField> fields)
    {
        foreach (var (key, value) in alert.Fields)
        {
            if (string.IsNullOrWhiteSpace(value) || Name(key).Canonical is not { } c) continue;
            foreach (var f in fields)
            {
                if (f == c) return true;
            }
        }
        return false;
    }

    /// <summary>A yes/no field ("true", "yes", "1", "pass"...): null when absent or unreadable.</summary>
    public static bool? Flag(this Alert alert, params ReadOnlySpan<string> names) => alert.Raw(names)?.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "pass" or "passed" or "signed" or "valid" => true,
        "false" or "no" or "n" or "0" or "fail" or "failed" or "unsigned" or "invalid" or "none" => false,
        _ => null,
    };
}
