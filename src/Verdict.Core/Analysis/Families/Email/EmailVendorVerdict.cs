using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// A mail product's own verdict wherever the record gives it, for products Verdict has no reader for: a field named
/// verdict, final verdict, message or threat verdict, disposition or determination (not a Defender XDR evidence item's,
/// which <see cref="EmailFields.EvidenceVerdicts"/> reads by its type) whose whole value is a threat word (malicious,
/// phish, malware, fraud, impersonation) or a spam word (spam, bulk, graymail, marketing); and an alert the SOC already
/// resolved (Graph <c>classification</c>: truePositive; falsePositive or informationalExpectedActivity). Only whole
/// values count: an action ("quarantine") or a free-text reason is not a verdict.
/// </summary>
public static partial class EmailVendorVerdict
{
    public static bool Threat(Alert a) => Values(a).Any(v => ThreatValue().IsMatch(v)) || Resolution(a) is "truepositive";

    public static bool Spam(Alert a) => Values(a).Any(v => SpamValue().IsMatch(v));

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
            if (last is "verdict" or "finalverdict" or "messageverdict" or "emailverdict" or "threatverdict" or "disposition" or "determination")
                yield return value.Trim();
        }
    }

    [GeneratedRegex(@"(?i)^(?:malicious|phish(?:ing)?|credential ?phish(?:ing)?|malware|threat|fraud|bec|impersonation|spoof(?:ing)?)$")]
    private static partial Regex ThreatValue();

    [GeneratedRegex(@"(?i)^(?:spam|bulk|gr[ae]ymail|marketing|newsletter|promotional)$")]
    private static partial Regex SpamValue();
}
