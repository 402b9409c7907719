using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// A mail product's own verdict wherever the record gives it, for products Verdict has no reader for: a field named
/// verdict (any name ending in verdict: final, message, threat, an engine's own), disposition, determination or attack
/// type (Abnormal's attackType "Spam"), or the
/// category of a reason written "Category: detail" (not a Defender XDR evidence item's,
/// which <see cref="EmailFields.EvidenceVerdicts"/> reads by its type) whose whole value is a threat word (malicious,
/// phish, malware, fraud, impersonation) or a spam word (spam, bulk, graymail, marketing); and an alert the SOC already
/// resolved (Graph <c>classification</c>: truePositive; falsePositive or informationalExpectedActivity). Only whole
/// values count: an action ("quarantine") or a free-text reason is not a verdict.
/// </summary>
public static partial class EmailVendorVerdict
{
    public static bool Threat(Alert a) => Values(a).Any(v => ThreatValue().IsMatch(v)) || Resolution(a) is "truepositive";

    public static bool Spam(Alert a) => Values(a).Any(v => SpamValue().IsMatch(v));

    /// <summary>The product has not judged the message yet, or could not (unknown, unclassified, pending, suspicious).</summary>
    public static bool Undecided(Alert a) => Values(a).Any(v => UndecidedValue().IsMatch(v));

    /// <summary>The SOC closed the alert as a false positive or expected activity.</summary>
    public static bool ResolvedBenign(Alert a) => Resolution(a) is "falsepositive" or "informationalexpectedactivity";

    private static string? Resolution(Alert a) =>
        a.Has("serviceSource", "detectionSource") && a.Fields.FirstOrDefault(f => f.Key.Equals("classification", StringComparison.OrdinalIgnoreCase)).Value is { } v
            ? FieldNames.NormalizeText(v) : null;

    private static IEnumerable<string> Values(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            if (n.StartsWith("evidence.", StringComparison.Ordinal)) continue;
            var last = n[(n.LastIndexOf('.') + 1)..];
            // Any *verdict name (verdict, finalVerdict, themis_verdict), a disposition, determination or attack type gives its whole value.
            if (last.EndsWith("verdict", StringComparison.Ordinal) || last is "disposition" or "determination" or "attacktype")
                yield return value.Trim();
            // A reason written "Category: detail" ("Spam: high", "BEC: executive impersonation") gives its category.
            else if (last is "reason" && value.IndexOf(':') is var colon and > 0)
                yield return value[..colon].Trim();
        }
    }

    [GeneratedRegex(@"(?i)^(?:malicious|phish(?:ing)?|credential ?phish(?:ing)?|malware|threat|fraud|bec|impersonation|spoof(?:ing)?)$")]
    private static partial Regex ThreatValue();

    [GeneratedRegex(@"(?i)^(?:unknown|unclassified|undetermined|pending|suspicious|suspect)$")]
    private static partial Regex UndecidedValue();

    [GeneratedRegex(@"(?i)^(?:spam|bulk|gr[ae]ymail|marketing|newsletter|promotional)$")]
    private static partial Regex SpamValue();
}
